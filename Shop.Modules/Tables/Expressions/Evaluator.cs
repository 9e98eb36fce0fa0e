using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.Expressions;

/// <summary>Evaluates conditions and operands against an item (a map of attribute name to attribute value).</summary>
internal static class Evaluator
{
    public static bool Holds(Condition? condition, JsonObject? item) => condition is null || Evaluate(condition, item ?? []);

    private static bool Evaluate(Condition condition, JsonObject item) => condition switch
    {
        And a => Evaluate(a.Left, item) && Evaluate(a.Right, item),
        Or o => Evaluate(o.Left, item) || Evaluate(o.Right, item),
        Not n => !Evaluate(n.Inner, item),
        Comparison c => Compare(Resolve(c.Left, item), c.Operator, Resolve(c.Right, item)),
        Between b => Compare(Resolve(b.Value, item), ">=", Resolve(b.Low, item)) && Compare(Resolve(b.Value, item), "<=", Resolve(b.High, item)),
        In i => Resolve(i.Value, item) is { } v && i.Candidates.Any(c => Resolve(c, item) is { } candidate && AttributeValue.Equal(v, candidate)),
        FunctionCondition f => Function(f, item),
        _ => throw new InvalidOperationException($"Unknown condition {condition}"),
    };

    private static bool Compare(JsonObject? left, string op, JsonObject? right)
    {
        if (left is null || right is null) return op == "<>" && !(left is null && right is null);
        if (op == "=") return AttributeValue.Equal(left, right);
        if (op == "<>") return !AttributeValue.Equal(left, right);
        if (AttributeValue.Compare(left, right) is not { } order) return false;
        return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
    }

    private static bool Function(FunctionCondition f, JsonObject item)
    {
        var first = Resolve(f.Arguments[0], item);
        switch (f.Name)
        {
            case "attribute_exists": return first is not null;
            case "attribute_not_exists": return first is null;
        }
        var second = Resolve(f.Arguments[1], item);
        if (first is null || second is null) return false;
        var (type, otherType) = (AttributeValue.TypeOf(first), AttributeValue.TypeOf(second));
        switch (f.Name)
        {
            case "attribute_type":
                if (otherType != "S") throw TableException.Validation("Invalid ConditionExpression: the second operand of attribute_type must be a string (S)");
                return type == AttributeValue.Inner(second)!.GetValue<string>();
            case "begins_with":
                return type == otherType && type is "S" or "B"
                    && AttributeValue.Inner(first)!.GetValue<string>().StartsWith(AttributeValue.Inner(second)!.GetValue<string>(), StringComparison.Ordinal);
            default: // contains
                return type switch
                {
                    "S" => otherType == "S" && AttributeValue.Inner(first)!.GetValue<string>().Contains(AttributeValue.Inner(second)!.GetValue<string>(), StringComparison.Ordinal),
                    "SS" or "BS" => otherType == type[..1] && AttributeValue.SetOf(first).Contains(AttributeValue.Inner(second)!.GetValue<string>()),
                    "NS" => otherType == "N" && AttributeValue.NumberSet(first).Contains(AttributeValue.Number(AttributeValue.Inner(second), "")),
                    "L" => ((JsonArray)AttributeValue.Inner(first)!).Any(e => AttributeValue.Equal((JsonObject)e!, second)),
                    _ => false,
                };
        }
    }

    /// <summary>The operand's value against the item; null when its path is missing.</summary>
    public static JsonObject? Resolve(Operand operand, JsonObject item) => operand switch
    {
        ValueOperand v => v.Value,
        PathOperand p => Find(item, p.Path),
        FunctionOperand { Name: "size" } f => Resolve(f.Arguments[0], item) is { } value ? Size(value) : null,
        FunctionOperand { Name: "if_not_exists" } f => Resolve(f.Arguments[0], item) ?? Required(f.Arguments[1], item),
        FunctionOperand { Name: "list_append" } f => ListAppend(Required(f.Arguments[0], item), Required(f.Arguments[1], item)),
        ArithmeticOperand a => Arithmetic(Required(a.Left, item), a.Operator, Required(a.Right, item)),
        _ => throw new InvalidOperationException($"Unknown operand {operand}"),
    };

    /// <summary>An operand an update needs: a missing path is an error, as in DynamoDB.</summary>
    public static JsonObject Required(Operand operand, JsonObject item) => Resolve(operand, item)
        ?? throw TableException.Validation("The provided expression refers to an attribute that does not exist in the item");

    public static JsonObject? Find(JsonObject item, DocumentPath path)
    {
        var node = item[path.Top] as JsonObject;
        foreach (var step in path.Steps.Skip(1))
        {
            if (node is null) return null;
            node = (step, AttributeValue.TypeOf(node)) switch
            {
                (string name, "M") => ((JsonObject)AttributeValue.Inner(node)!)[name] as JsonObject,
                (int index, "L") when index < ((JsonArray)AttributeValue.Inner(node)!).Count => ((JsonArray)AttributeValue.Inner(node)!)[index] as JsonObject,
                _ => null,
            };
        }
        return node;
    }

    private static JsonObject Size(JsonObject value) => AttributeValue.OfNumber(AttributeValue.TypeOf(value) switch
    {
        "S" => AttributeValue.Inner(value)!.GetValue<string>().Length,
        "B" => Convert.FromBase64String(AttributeValue.Inner(value)!.GetValue<string>()).Length,
        "M" => ((JsonObject)AttributeValue.Inner(value)!).Count,
        "L" or "SS" or "NS" or "BS" => ((JsonArray)AttributeValue.Inner(value)!).Count,
        _ => throw TableException.Validation("Invalid expression: Incorrect operand type for operator or function; operator or function: size"),
    });

    private static JsonObject ListAppend(JsonObject left, JsonObject right)
    {
        if (AttributeValue.TypeOf(left) != "L" || AttributeValue.TypeOf(right) != "L")
            throw TableException.Validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append");
        var items = ((JsonArray)AttributeValue.Inner(left)!).Concat((JsonArray)AttributeValue.Inner(right)!).Select(n => n!.DeepClone());
        return new JsonObject { ["L"] = new JsonArray(items.ToArray()) };
    }

    private static JsonObject Arithmetic(JsonObject left, char op, JsonObject right)
    {
        if (AttributeValue.TypeOf(left) != "N" || AttributeValue.TypeOf(right) != "N")
            throw TableException.Validation($"An operand in the update expression has an incorrect data type; operator or function: {op}");
        var (a, b) = (AttributeValue.Number(AttributeValue.Inner(left), ""), AttributeValue.Number(AttributeValue.Inner(right), ""));
        return AttributeValue.OfNumber(op == '+' ? a + b : a - b);
    }

    /// <summary>The item cut down to the projected paths (all of it when there is no projection).</summary>
    public static JsonObject Project(JsonObject item, IReadOnlyList<DocumentPath>? projection)
    {
        if (projection is null) return item;
        var result = new JsonObject();
        foreach (var path in projection)
            if (Find(item, path) is { } value) Updater.SetAt(result, path, (JsonObject)value.DeepClone(), create: true);
        return result;
    }
}
