using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Tables.Expressions;

/// <summary>Splits a DynamoDB expression into names, <c>#names</c>, <c>:values</c>, numbers (list indexes) and symbols.</summary>
internal static class Lexer
{
    private static readonly string[] Symbols = ["<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ".", "[", "]", "+", "-"];

    public static List<Token> Tokenize(string text, string what)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (c is '#' or ':')
            {
                i++;
                while (i < text.Length && IsNameChar(text[i])) i++;
                if (i == start + 1) throw Invalid(what, text, start, $"'{c}' must be followed by a name");
                tokens.Add(new Token(c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && IsNameChar(text[i])) i++;
                tokens.Add(new Token(TokenKind.Name, text[start..i], start));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw Invalid(what, text, start, $"unexpected character '{c}'");
                tokens.Add(new Token(TokenKind.Symbol, symbol, start));
                i += symbol.Length;
            }
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static TableException Invalid(string what, string text, int position, string reason) =>
        TableException.Validation($"Invalid {what}: Syntax error; {reason} near position {position + 1}; expression: {text}");
}
