using System.Text.Json.Nodes;

namespace Shop.Modules.Tables.Expressions;

/// <summary>A document path: <c>a.b[2].c</c>; each step is a name (string) or a list index (int).</summary>
internal sealed record DocumentPath(IReadOnlyList<object> Steps)
{
    public string Top => (string)Steps[0];

    public override string ToString() => string.Concat(Steps.Select((s, i) => s is int n ? $"[{n}]" : i == 0 ? (string)s : "." + s));
}

/// <summary>Something that yields an attribute value (or nothing, for a missing path).</summary>
internal abstract record Operand;

internal sealed record PathOperand(DocumentPath Path) : Operand;

internal sealed record ValueOperand(string Name, JsonObject Value) : Operand;

internal sealed record FunctionOperand(string Name, IReadOnlyList<Operand> Arguments) : Operand;

/// <summary><c>a + b</c> or <c>a - b</c> in a SET action.</summary>
internal sealed record ArithmeticOperand(Operand Left, char Operator, Operand Right) : Operand;

internal abstract record Condition;

internal sealed record Comparison(Operand Left, string Operator, Operand Right) : Condition;

internal sealed record Between(Operand Value, Operand Low, Operand High) : Condition;

internal sealed record In(Operand Value, IReadOnlyList<Operand> Candidates) : Condition;

/// <summary>attribute_exists, attribute_not_exists, attribute_type, begins_with, contains.</summary>
internal sealed record FunctionCondition(string Name, IReadOnlyList<Operand> Arguments) : Condition;

internal sealed record And(Condition Left, Condition Right) : Condition;

internal sealed record Or(Condition Left, Condition Right) : Condition;

internal sealed record Not(Condition Inner) : Condition;

internal enum UpdateKind
{
    Set,
    Remove,
    Add,
    Delete,
}

/// <param name="Value">The new value (SET), the number or set to add/delete (ADD/DELETE); null for REMOVE.</param>
internal sealed record UpdateAction(UpdateKind Kind, DocumentPath Path, Operand? Value);

internal enum TokenKind
{
    Name,
    NamePlaceholder,
    ValuePlaceholder,
    Number,
    Symbol,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, int Position);
