// The wildcard operator's glob: its own escape rules and a linear matcher.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>
/// A wildcard: <c>*</c> matches any run of characters, <c>\*</c> a literal star, <c>\\</c> a backslash;
/// consecutive stars and other escapes are refused, as in EventBridge.
/// </summary>
internal sealed class Glob
{
    // Literal pieces between the stars: "a*b" is ["a", "b"]; no star is one piece that must equal the value.
    private readonly string[] pieces;

    private Glob(string[] pieces) => this.pieces = pieces;

    public static Glob Parse(string text, string path)
    {
        var pieces = new List<string>();
        var current = new System.Text.StringBuilder();
        var afterStar = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var star = c == '*';
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('*' or '\\'))
                    throw PatternParser.Error(path, $"wildcard \"{text}\": a backslash may only escape * or \\");
                current.Append(text[++i]);
            }
            else if (c == '*')
            {
                if (afterStar)
                    throw PatternParser.Error(path, $"wildcard \"{text}\": consecutive * are not allowed");
                pieces.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
            afterStar = star;
        }
        pieces.Add(current.ToString());
        return new Glob([.. pieces]);
    }

    public bool IsMatch(string value)
    {
        if (pieces.Length == 1) return value == pieces[0];
        string first = pieces[0], last = pieces[^1];
        if (value.Length < first.Length + last.Length
            || !value.StartsWith(first, StringComparison.Ordinal)
            || !value.EndsWith(last, StringComparison.Ordinal)) return false;
        // Leftmost placement of each middle piece is optimal when the only wildcard is '*'.
        var position = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = value.IndexOf(pieces[i], position, end - position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + pieces[i].Length;
        }
        return true;
    }
}
