using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.Expressions;

/// <summary>
/// Parses condition, update, key-condition and projection expressions with their ExpressionAttributeNames and
/// Values. One <see cref="Expressions"/> per request: it remembers which names and values were used, because
/// DynamoDB refuses a request that supplies one its expressions never use.
/// </summary>
internal sealed class Expressions(ExpressionArguments? arguments)
{
    private static readonly HashSet<string> ConditionFunctions = ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"];
    private static readonly HashSet<string> Keywords = ["AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE"];
    private readonly HashSet<string> _usedNames = [];
    private readonly HashSet<string> _usedValues = [];
    private readonly Dictionary<string, JsonObject> _values = NormalizeValues(arguments?.Values);
    private List<Token> _tokens = [];
    private int _at;
    private string _text = "";
    private string _what = "";

    public Condition? Condition(string? text, string what = "ConditionExpression") =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, what, () => Or());

    public IReadOnlyList<UpdateAction> Update(string text) => Parse(text, "UpdateExpression", UpdateClauses);

    public IReadOnlyList<DocumentPath>? Projection(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, "ProjectionExpression", () => List(Path));

    /// <summary>After every expression of the request is parsed: a supplied name or value none of them used is an error.</summary>
    public void CheckAllUsed()
    {
        var names = (arguments?.Names?.Keys ?? []).Where(n => !_usedNames.Contains(n)).ToList();
        if (names.Count > 0) throw TableException.Validation($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", names)}}}");
        var values = _values.Keys.Where(v => !_usedValues.Contains(v)).ToList();
        if (values.Count > 0) throw TableException.Validation($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", values)}}}");
    }

    private static Dictionary<string, JsonObject> NormalizeValues(JsonObject? values) =>
        values?.ToDictionary(p => p.Key, p => AttributeValue.Normalize(p.Value, $"ExpressionAttributeValues.{p.Key}")) ?? [];

    private T Parse<T>(string text, string what, Func<T> parse)
    {
        (_text, _what, _tokens, _at) = (text, what, Lexer.Tokenize(text, what), 0);
        var result = parse();
        if (Peek.Kind != TokenKind.End) throw Error($"unexpected token '{Peek.Text}'");
        return result;
    }

    private Token Peek => _tokens[_at];

    private Token Next() => _tokens[_at++];

    private bool IsKeyword(string keyword) => Peek.Kind == TokenKind.Name && string.Equals(Peek.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private bool IsSymbol(string symbol) => Peek.Kind == TokenKind.Symbol && Peek.Text == symbol;

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol)) throw Error($"expected '{symbol}' but found '{(Peek.Kind == TokenKind.End ? "end of expression" : Peek.Text)}'");
        _at++;
    }

    private TableException Error(string reason) => Lexer.Invalid(_what, _text, Peek.Position, reason);

    private List<T> List<T>(Func<T> item)
    {
        var items = new List<T> { item() };
        while (IsSymbol(",")) { _at++; items.Add(item()); }
        return items;
    }

    private Condition Or()
    {
        var left = And();
        while (IsKeyword("OR")) { _at++; left = new Or(left, And()); }
        return left;
    }

    private Condition And()
    {
        var left = NotCondition();
        while (IsKeyword("AND")) { _at++; left = new And(left, NotCondition()); }
        return left;
    }

    private Condition NotCondition()
    {
        if (!IsKeyword("NOT")) return Primary();
        _at++;
        return new Not(NotCondition());
    }

    private Condition Primary()
    {
        if (IsSymbol("("))
        {
            _at++;
            var inner = Or();
            Expect(")");
            return inner;
        }
        if (Peek.Kind == TokenKind.Name && ConditionFunctions.Contains(Peek.Text) && _tokens[_at + 1].Text == "(")
        {
            var name = Next().Text;
            _at++;
            var args = List(Operand);
            Expect(")");
            var expected = name is "attribute_exists" or "attribute_not_exists" ? 1 : 2;
            if (args.Count != expected) throw Error($"the function {name} takes {expected} operands");
            if (args[0] is not PathOperand && name is not "begins_with" and not "contains") throw Error($"the first operand of {name} must be a document path");
            return new FunctionCondition(name, args);
        }
        var left = Operand();
        if (IsKeyword("BETWEEN"))
        {
            _at++;
            var low = Operand();
            if (!IsKeyword("AND")) throw Error("BETWEEN needs AND");
            _at++;
            return new Between(left, low, Operand());
        }
        if (IsKeyword("IN"))
        {
            _at++;
            Expect("(");
            var candidates = List(Operand);
            Expect(")");
            return new In(left, candidates);
        }
        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "=" or "<>" or "<" or "<=" or ">" or ">=")
            return new Comparison(left, Next().Text, Operand());
        throw Error($"expected a comparison after the operand, found '{(Peek.Kind == TokenKind.End ? "end of expression" : Peek.Text)}'");
    }

    private Operand Operand()
    {
        if (Peek.Kind == TokenKind.ValuePlaceholder) return Value();
        if (Peek.Kind == TokenKind.Name && _tokens[_at + 1].Text == "(")
        {
            var name = Next().Text;
            if (name is not ("size" or "if_not_exists" or "list_append")) throw Error($"invalid function name '{name}'");
            _at++;
            var args = List(Operand);
            Expect(")");
            var expected = name == "size" ? 1 : 2;
            if (args.Count != expected) throw Error($"the function {name} takes {expected} operands");
            if (name != "list_append" && args[0] is not PathOperand) throw Error($"the first operand of {name} must be a document path");
            return new FunctionOperand(name, args);
        }
        return new PathOperand(Path());
    }

    private ValueOperand Value()
    {
        var name = Next().Text;
        if (!_values.TryGetValue(name, out var value))
            throw TableException.Validation($"Invalid {_what}: An expression attribute value used in expression is not defined; attribute value: {name}");
        _usedValues.Add(name);
        return new ValueOperand(name, value);
    }

    private DocumentPath Path()
    {
        var steps = new List<object> { PathName() };
        while (true)
        {
            if (IsSymbol(".")) { _at++; steps.Add(PathName()); }
            else if (IsSymbol("["))
            {
                _at++;
                if (Peek.Kind != TokenKind.Number) throw Error("a list index must be a number");
                steps.Add(int.Parse(Next().Text, System.Globalization.CultureInfo.InvariantCulture));
                Expect("]");
            }
            else return new DocumentPath(steps);
        }
    }

    private string PathName()
    {
        var token = Next();
        if (token.Kind == TokenKind.NamePlaceholder)
        {
            if (arguments?.Names is null || !arguments.Names.TryGetValue(token.Text, out var name))
                throw TableException.Validation($"Invalid {_what}: An expression attribute name used in the document path is not defined; attribute name: {token.Text}");
            _usedNames.Add(token.Text);
            return name;
        }
        if (token.Kind != TokenKind.Name || Keywords.Contains(token.Text.ToUpperInvariant()))
        {
            _at--;
            throw Error($"expected an attribute name but found '{(token.Kind == TokenKind.End ? "end of expression" : token.Text)}'");
        }
        return token.Text;
    }

    private List<UpdateAction> UpdateClauses()
    {
        var actions = new List<UpdateAction>();
        var seen = new HashSet<UpdateKind>();
        do
        {
            if (Peek.Kind != TokenKind.Name || !Enum.TryParse<UpdateKind>(Peek.Text, ignoreCase: true, out var kind))
                throw Error("expected SET, REMOVE, ADD or DELETE");
            if (!seen.Add(kind)) throw Error($"the {kind.ToString().ToUpperInvariant()} section can only be used once in an update expression");
            _at++;
            actions.AddRange(List(() => UpdateActionOf(kind)));
        }
        while (Peek.Kind != TokenKind.End);
        return actions;
    }

    private UpdateAction UpdateActionOf(UpdateKind kind)
    {
        var path = Path();
        switch (kind)
        {
            case UpdateKind.Remove:
                return new UpdateAction(kind, path, null);
            case UpdateKind.Set:
                Expect("=");
                var value = Operand();
                if (IsSymbol("+") || IsSymbol("-")) value = new ArithmeticOperand(value, Next().Text[0], Operand());
                return new UpdateAction(kind, path, value);
            default:
                if (Peek.Kind != TokenKind.ValuePlaceholder) throw Error($"{kind.ToString().ToUpperInvariant()} needs an expression attribute value");
                return new UpdateAction(kind, path, Value());
        }
    }
}
