using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Processing;

/// <summary>The detail of a coffee OrderCreated: <c>{"orderId", "userId", "drink"}</c>, validated.</summary>
internal sealed record CoffeeOrder(string OrderId, string UserId, string Drink)
{
    /// <exception cref="InvalidInputException">A field is missing or malformed (the field is named).</exception>
    public static CoffeeOrder Read(JsonNode? detail)
    {
        if (detail is not JsonObject fields) throw new InvalidInputException("detail", "'detail' must be a JSON object {\"orderId\", \"userId\", \"drink\"}.");
        return Create(String(fields, "orderId"), String(fields, "userId"), String(fields, "drink"));
    }

    public static CoffeeOrder Create(string? orderId, string? userId, string? drink) =>
        new(Require.Id(orderId, "orderId"), Require.Text(userId, "userId", 100), Require.Text(drink, "drink", 200));

    private static string? String(JsonObject fields, string name) => fields[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        // Numeric ids (the workshop's "orderId": 1234) are fine as text.
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidInputException(name, $"'{name}' must be a string."),
    };
}
