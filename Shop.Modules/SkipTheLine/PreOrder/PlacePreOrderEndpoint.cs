using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;

namespace Shop.Modules.SkipTheLine.PreOrder;

/// <summary>
/// <c>POST /skiptheline/orders</c> <c>{"accountId", "vendorId", "items"}</c>, the seed's API Gateway in front of the
/// pre-order workflow: 201 written, 202 not yet known, 409 when the account has an active order with the vendor.
/// </summary>
internal static class PlacePreOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/orders", HandleAsync).Accepts<PlacePreOrder>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Pre-order takeaway coffee: starts the pre-order workflow and answers what its Write Order step did");

    private static async Task<Results<Created<PreOrderPlacement>, Accepted<PreOrderPlacement>>> HandleAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "{\"accountId\", \"vendorId\", \"items\"}", ct);

        var placed = await sender.Send(new PlacePreOrder(String(body, "accountId"), String(body, "vendorId"), Items(body["items"])), ct);
        return placed.Written
            ? TypedResults.Created($"/skiptheline/orders/{placed.Order!.AccountId}/{placed.Order.VendorId}", placed)
            : TypedResults.Accepted($"/workflows/executions/{placed.ExecutionId}", placed);
    }

    /// <summary>An item is <c>{"name", "quantity"?, "unitPrice"?}</c>, or just its name.</summary>
    private static PreOrderItem[] Items(JsonNode? node)
    {
        if (node is not JsonArray array) throw new InvalidInputException("items", "'items' must be an array of {\"name\", \"quantity\", \"unitPrice\"}.");
        return array.Select((item, i) => item switch
        {
            JsonValue v when v.TryGetValue<string>(out var name) => new PreOrderItem(name, 1, null),
            JsonObject o => new PreOrderItem(String(o, "name", $"items[{i}].name")!,
                Number(o["quantity"], $"items[{i}].quantity") is { } q ? (q == Math.Floor(q) && q is >= 0 and <= int.MaxValue ? (int)q
                    : throw new InvalidInputException($"items[{i}].quantity", $"'items[{i}].quantity' must be a whole number.")) : 1,
                Number(o["unitPrice"], $"items[{i}].unitPrice")),
            _ => throw new InvalidInputException($"items[{i}]", $"'items[{i}]' must be an object {{\"name\", \"quantity\", \"unitPrice\"}} or a name."),
        }).ToArray();
    }

    private static decimal? Number(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new InvalidInputException(field, $"'{field}' must be a number."),
    };

    private static string? String(JsonObject body, string name, string? field = null) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidInputException(field ?? name, $"'{field ?? name}' must be a string."),
    };
}
