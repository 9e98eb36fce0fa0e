using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>The predicate of a JSONPath filter: comparisons of <c>@</c> paths and literals, joined by &amp;&amp;, || and !.</summary>
internal abstract class FilterExpression
{
    public abstract bool IsTrue(JsonNode? item);
}

internal sealed class FilterOr(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool IsTrue(JsonNode? item) => left.IsTrue(item) || right.IsTrue(item);
}

internal sealed class FilterAnd(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool IsTrue(JsonNode? item) => left.IsTrue(item) && right.IsTrue(item);
}

internal sealed class FilterNot(FilterExpression inner) : FilterExpression
{
    public override bool IsTrue(JsonNode? item) => !inner.IsTrue(item);
}

/// <summary>An operand alone: true when its path exists (or its literal is true).</summary>
internal sealed class FilterExists(FilterOperand operand) : FilterExpression
{
    public override bool IsTrue(JsonNode? item) => operand.TryGet(item, out var value) && (operand.IsPath || value is JsonValue v && v.GetValueKind() == JsonValueKind.True);
}

internal sealed class FilterCompare(FilterOperand left, string op, FilterOperand right) : FilterExpression
{
    public override bool IsTrue(JsonNode? item)
    {
        if (!left.TryGet(item, out var a) || !right.TryGet(item, out var b)) return false;
        return op switch
        {
            "==" => JsonNode.DeepEquals(a, b) || NumbersEqual(a, b),
            "!=" => !(JsonNode.DeepEquals(a, b) || NumbersEqual(a, b)),
            _ => Order(a, b) is { } order && op switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                ">=" => order >= 0,
                _ => false,
            },
        };
    }

    private static bool NumbersEqual(JsonNode? a, JsonNode? b) =>
        AslJson.TryNumber(a, out var x) && AslJson.TryNumber(b, out var y) && x == y;

    private static int? Order(JsonNode? a, JsonNode? b)
    {
        if (AslJson.TryNumber(a, out var x) && AslJson.TryNumber(b, out var y)) return x.CompareTo(y);
        if (AslJson.TryString(a, out var s) && AslJson.TryString(b, out var t)) return string.CompareOrdinal(s, t);
        return null;
    }
}

internal sealed class FilterOperand
{
    private readonly AslPath? _path;
    private readonly JsonNode? _literal;

    private FilterOperand(AslPath? path, JsonNode? literal)
    {
        _path = path;
        _literal = literal;
    }

    public bool IsPath => _path is not null;

    public static FilterOperand Path(AslPath path) => new(path, null);

    public static FilterOperand Literal(JsonNode? value) => new(null, value);

    public bool TryGet(JsonNode? item, out JsonNode? value)
    {
        if (_path is null)
        {
            value = _literal;
            return true;
        }
        return _path.TryEvaluate(item, out value);
    }
}

/// <summary>Recursive descent over the filter text.</summary>
internal sealed class FilterParser
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">"];
    private readonly string _text;
    private int _at;

    private FilterParser(string text) => _text = text;

    public static FilterExpression Parse(string text)
    {
        var parser = new FilterParser(text);
        var expression = parser.Or();
        parser.Spaces();
        if (parser._at != text.Length) throw new FormatException($"Invalid JSONPath filter '{text}': unexpected '{text[parser._at..]}'.");
        return expression;
    }

    private FilterExpression Or()
    {
        var left = And();
        while (Take("||")) left = new FilterOr(left, And());
        return left;
    }

    private FilterExpression And()
    {
        var left = Unary();
        while (Take("&&")) left = new FilterAnd(left, Unary());
        return left;
    }

    private FilterExpression Unary()
    {
        if (Take("!")) return new FilterNot(Unary());
        if (Take("("))
        {
            var inner = Or();
            if (!Take(")")) throw Error("')' expected");
            return inner;
        }
        var left = Operand();
        Spaces();
        foreach (var op in Operators)
            if (Take(op)) return new FilterCompare(left, op, Operand());
        return new FilterExists(left);
    }

    private FilterOperand Operand()
    {
        Spaces();
        if (_at >= _text.Length) throw Error("an operand is missing");
        var c = _text[_at];
        if (c is '@' or '$')
        {
            var start = _at++;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '_' or '-' or '[' or ']' or '\'' or '*' or '$'))
                _at++;
            return FilterOperand.Path(AslPath.Parse("$" + _text[(start + 1).._at]));
        }
        if (c is '\'' or '"')
        {
            var end = _text.IndexOf(c, _at + 1);
            if (end < 0) throw Error("a string is not closed");
            var s = _text[(_at + 1)..end];
            _at = end + 1;
            return FilterOperand.Literal(JsonValue.Create(s));
        }
        var from = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '+'))
            _at++;
        var word = _text[from.._at];
        return word switch
        {
            "true" => FilterOperand.Literal(JsonValue.Create(true)),
            "false" => FilterOperand.Literal(JsonValue.Create(false)),
            "null" => FilterOperand.Literal(null),
            _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => FilterOperand.Literal(JsonValue.Create(d)),
            _ => throw Error($"'{word}' is not a value"),
        };
    }

    private bool Take(string token)
    {
        Spaces();
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0) return false;
        _at += token.Length;
        return true;
    }

    private void Spaces()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    private FormatException Error(string what) => new($"Invalid JSONPath filter '{_text}': {what}.");
}
