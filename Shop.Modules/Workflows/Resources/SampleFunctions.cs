using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Resources;

/// <summary>The functions of the sample behind seed 000 (danilop/events-and-workflows), registered by the shop.</summary>
internal static class SampleFunctions
{
    /// <summary><c>Add</c>: <c>{"result": sum of event.add.numbers}</c>, as the sample's add-function does.</summary>
    public static JsonNode? Add(JsonNode? payload)
    {
        if (payload?["add"]?["numbers"] is not JsonArray numbers)
            throw new FunctionErrorException("TypeError", "Cannot read properties of undefined (reading 'numbers'): the event needs add.numbers, an array of numbers");
        var sum = 0m;
        foreach (var number in numbers)
        {
            sum += number switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>(),
                JsonValue v when v.GetValueKind() == JsonValueKind.String && decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => throw new FunctionErrorException("TypeError", $"add.numbers holds {number?.ToJsonString() ?? "null"}, which is not a number"),
            };
        }
        return new JsonObject { ["result"] = sum };
    }
}
