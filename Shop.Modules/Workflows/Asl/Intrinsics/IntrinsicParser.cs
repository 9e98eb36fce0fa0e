using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>An argument of an intrinsic function: a literal, a path, or another call.</summary>
internal abstract record IntrinsicArg;

/// <param name="Raw">For string literals, the text between the quotes with escapes kept (States.Format reads \{ and \}).</param>
internal sealed record IntrinsicLiteral(JsonNode? Value, string? Raw) : IntrinsicArg;

internal sealed record IntrinsicPath(AslPath Path) : IntrinsicArg;

internal sealed record IntrinsicCall(string Name, IReadOnlyList<IntrinsicArg> Args) : IntrinsicArg;

/// <summary>
/// Reads <c>States.Name(arg, ...)</c>: string literals in single quotes (\' \{ \} \\ escaped), numbers, true/false/null,
/// paths (<c>$.a</c>, <c>$$.Execution.Id</c>) and nested calls. Throws <see cref="FormatException"/> naming the problem.
/// </summary>
internal sealed class IntrinsicParser
{
    private readonly string _text;
    private int _at;

    private IntrinsicParser(string text) => _text = text;

    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    public static IntrinsicCall Parse(string text)
    {
        var parser = new IntrinsicParser(text);
        var call = parser.Call();
        parser.Spaces();
        if (parser._at != text.Length) throw parser.Error($"unexpected text after the call: '{text[parser._at..]}'");
        IntrinsicFunctions.CheckArity(call, text);
        return call;
    }

    private IntrinsicCall Call()
    {
        Spaces();
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '.')) _at++;
        var name = _text[start.._at];
        if (!IntrinsicFunctions.Known.Contains(name)) throw Error($"'{name}' is not an intrinsic function");
        Spaces();
        if (!Take('(')) throw Error($"'(' expected after {name}");
        var args = new List<IntrinsicArg>();
        Spaces();
        if (!Take(')'))
        {
            do
            {
                args.Add(Arg());
                Spaces();
            }
            while (Take(','));
            if (!Take(')')) throw Error($"',' or ')' expected in the arguments of {name}");
        }
        return new IntrinsicCall(name, args);
    }

    private IntrinsicArg Arg()
    {
        Spaces();
        if (_at >= _text.Length) throw Error("an argument is missing");
        var c = _text[_at];
        if (c == '\'') return StringLiteral();
        if (c == '$') return new IntrinsicPath(PathArg());
        if (LooksLikeCall(_text[_at..])) return Call();
        var start = _at;
        while (_at < _text.Length && _text[_at] is not (',' or ')') && !char.IsWhiteSpace(_text[_at])) _at++;
        var word = _text[start.._at];
        if (word == "null") return new IntrinsicLiteral(null, null);
        if (word is "true" or "false") return new IntrinsicLiteral(JsonValue.Create(word == "true"), null);
        if (long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return new IntrinsicLiteral(JsonValue.Create(l), null);
        if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return new IntrinsicLiteral(JsonValue.Create(d), null);
        throw Error($"'{word}' is not an argument (a string is written in single quotes)");
    }

    private IntrinsicLiteral StringLiteral()
    {
        _at++;
        var raw = new StringBuilder();
        while (_at < _text.Length && _text[_at] != '\'')
        {
            if (_text[_at] == '\\' && _at + 1 < _text.Length)
            {
                raw.Append(_text[_at]).Append(_text[_at + 1]);
                _at += 2;
                continue;
            }
            raw.Append(_text[_at++]);
        }
        if (_at >= _text.Length) throw Error("a string argument is not closed");
        _at++;
        var text = raw.ToString();
        return new IntrinsicLiteral(JsonValue.Create(Unescape(text)), text);
    }

    /// <summary>\x stands for x (\' \{ \} \\).</summary>
    public static string Unescape(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal)) return raw;
        var value = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length) i++;
            value.Append(raw[i]);
        }
        return value.ToString();
    }

    /// <summary>A path runs to the next ',' or ')' outside brackets and quotes.</summary>
    private AslPath PathArg()
    {
        var start = _at;
        var depth = 0;
        char? quote = null;
        for (; _at < _text.Length; _at++)
        {
            var c = _text[_at];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                continue;
            }
            if (c is '\'' or '"' && depth > 0) quote = c;
            else if (c is '[' or '(') depth++;
            else if (c is ']') depth--;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0 && (c is ',' or ')' || char.IsWhiteSpace(c))) break;
        }
        var text = _text[start.._at];
        try
        {
            return AslPath.Parse(text);
        }
        catch (FormatException ex)
        {
            throw Error(ex.Message);
        }
    }

    private bool Take(char c)
    {
        if (_at >= _text.Length || _text[_at] != c) return false;
        _at++;
        return true;
    }

    private void Spaces()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    private FormatException Error(string what) => new($"The intrinsic function '{_text}' is invalid: {what}.");
}
