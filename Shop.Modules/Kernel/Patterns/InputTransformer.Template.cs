using System.Text;

// The template lexer: finds <name> placeholders and whether each stands inside a JSON string, which decides how it is rendered.
namespace Shop.Modules.Kernel.Patterns;

public sealed partial class InputTransformer
{
    private void ParseTemplate(string template)
    {
        var literal = new StringBuilder();
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (inString && c == '\\' && i + 1 < template.Length)
            {
                literal.Append(c).Append(template[++i]);
                continue;
            }
            if (c == '"') inString = !inString;
            if (c == '<' && TryReadName(template, i + 1, out var name))
            {
                if (!paths.ContainsKey(name) && !Predefined.Contains(name))
                    throw Error("InputTemplate", $"unknown placeholder <{name}>; define it in InputPathsMap "
                        + $"or use one of {string.Join(", ", Predefined.Select(p => $"<{p}>"))}");
                parts.Add(literal.ToString());
                literal.Clear();
                parts.Add(new Placeholder(name, inString));
                i += name.Length + 1;
                continue;
            }
            literal.Append(c);
        }
        parts.Add(literal.ToString());
    }

    private static bool TryReadName(string template, int start, out string name)
    {
        var end = start;
        while (end < template.Length && (IsNameChar(template[end]) || template[end] == '.')) end++;
        name = template[start..end];
        return end > start && end < template.Length && template[end] == '>';
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private sealed record Placeholder(string Name, bool InString);
}
