using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Json;

// One read of an event value, shared by every operator of a field, so no operator parses the node again.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>A JSON leaf read once (string, number, true, false or null) and shared by all matchers of a field.</summary>
internal readonly struct Leaf(JsonValueKind kind, string? text, double number)
{
    public JsonValueKind Kind { get; } = kind;
    public string? Text { get; } = text;
    public double Number { get; } = number;

    public static Leaf From(JsonNode? node)
    {
        if (node is null) return new Leaf(JsonValueKind.Null, null, 0);
        var value = node.AsValue();
        var kind = value.GetValueKind();
        return kind switch
        {
            JsonValueKind.String => new Leaf(kind, JsonText.GetString(value), 0),
            JsonValueKind.Number => new Leaf(kind, null, value.TryGetValue<double>(out var d)
                ? d
                : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)),
            _ => new Leaf(kind, null, 0),
        };
    }
}
