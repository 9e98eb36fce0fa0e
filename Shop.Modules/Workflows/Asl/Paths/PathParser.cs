using System.Globalization;
using System.Text;

namespace Shop.Modules.Workflows.Asl;

/// <summary>Reads a JSONPath: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[0]</c>, <c>[0,1]</c>, <c>[*]</c>, <c>[1:5:2]</c>, <c>..name</c>, <c>[?(...)]</c>.</summary>
internal sealed class PathParser(string text)
{
    private int _at;

    public AslPath Parse()
    {
        if (!text.StartsWith('$')) throw Error("a path starts with '$'");
        _at = 1;
        var context = false;
        if (_at < text.Length && text[_at] == '$')
        {
            context = true;
            _at++;
        }
        var segments = new List<PathSegment>();
        while (_at < text.Length)
        {
            var c = text[_at];
            if (c == '.')
            {
                if (_at + 1 < text.Length && text[_at + 1] == '.')
                {
                    _at += 2;
                    var inner = _at < text.Length && text[_at] == '[' ? Bracket() : Dotted();
                    segments.Add(new DeepScanSegment(inner));
                }
                else
                {
                    _at++;
                    segments.Add(Dotted());
                }
            }
            else if (c == '[')
            {
                segments.Add(Bracket());
            }
            else
            {
                throw Error($"unexpected '{c}'");
            }
        }
        return AslPath.Create(text, context, segments);
    }

    private PathSegment Dotted()
    {
        if (_at < text.Length && text[_at] == '*')
        {
            _at++;
            return new WildcardSegment();
        }
        var start = _at;
        while (_at < text.Length && text[_at] is not ('.' or '['))
            _at++;
        if (_at == start) throw Error("a name is missing after '.'");
        return new NameSegment([text[start.._at]]);
    }

    private PathSegment Bracket()
    {
        _at++; // [
        SkipSpaces();
        if (_at >= text.Length) throw Error("'[' is not closed");
        PathSegment segment;
        var c = text[_at];
        if (c == '*')
        {
            _at++;
            segment = new WildcardSegment();
        }
        else if (c is '\'' or '"')
        {
            var names = new List<string> { Quoted() };
            SkipSpaces();
            while (_at < text.Length && text[_at] == ',')
            {
                _at++;
                SkipSpaces();
                names.Add(Quoted());
                SkipSpaces();
            }
            segment = new NameSegment(names);
        }
        else if (c == '?')
        {
            _at++;
            SkipSpaces();
            if (_at >= text.Length || text[_at] != '(') throw Error("a filter is written [?(...)]");
            var close = MatchingParen(_at);
            var body = text[(_at + 1)..close];
            segment = new FilterSegment(body, FilterParser.Parse(body));
            _at = close + 1;
        }
        else
        {
            var end = text.IndexOf(']', _at);
            if (end < 0) throw Error("'[' is not closed");
            var inside = text[_at..end];
            _at = end;
            segment = inside.Contains(':', StringComparison.Ordinal) ? Slice(inside) : new IndexSegment(inside.Split(',').Select(Int).ToArray());
        }
        SkipSpaces();
        if (_at >= text.Length || text[_at] != ']') throw Error("']' expected");
        _at++;
        return segment;
    }

    private SliceSegment Slice(string inside)
    {
        var parts = inside.Split(':');
        if (parts.Length > 3) throw Error($"'{inside}' is not a slice");
        int? Part(int i) => i < parts.Length && !string.IsNullOrWhiteSpace(parts[i]) ? Int(parts[i]) : null;
        return new SliceSegment(Part(0), Part(1), Part(2));
    }

    private int Int(string s) => int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
        ? i
        : throw Error($"'{s.Trim()}' is not an index");

    private string Quoted()
    {
        var quote = text[_at++];
        var value = new StringBuilder();
        while (_at < text.Length && text[_at] != quote)
        {
            if (text[_at] == '\\' && _at + 1 < text.Length) _at++;
            value.Append(text[_at++]);
        }
        if (_at >= text.Length) throw Error("a quoted name is not closed");
        _at++;
        return value.ToString();
    }

    private int MatchingParen(int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
                continue;
            }
            if (c is '\'' or '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        throw Error("'(' is not closed");
    }

    private void SkipSpaces()
    {
        while (_at < text.Length && text[_at] == ' ') _at++;
    }

    private FormatException Error(string what) => new($"Invalid JSONPath '{text}': {what}.");
}
