using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee;

/// <summary>
/// <c>/coffee</c>: place an order, the barista's Done / Still working, the board, the store settings. Bodies
/// are read as raw JSON so a wrongly typed field is a 400 that names it.
/// </summary>
internal static class CoffeeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/coffee").WithTags("Coffee");
        group.MapPost("/orders", PlaceAsync);
        group.MapGet("/orders", async (ISender sender, int? recent, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListDrinks(recent ?? 20), ct)));
        group.MapGet("/orders/{orderId}", async (string orderId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DescribeDrink(orderId), ct)));
        group.MapPost("/orders/{orderId}/complete", CompleteAsync);
        group.MapPost("/orders/{orderId}/heartbeat", async (string orderId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new HeartbeatDrink(orderId), ct)));
        group.MapGet("/settings", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetCoffeeSettings(), ct)));
        group.MapPut("/settings", ChangeSettingsAsync);
    }

    private static async Task<Results<Accepted<PlacedCoffeeOrder>, Ok<PlacedCoffeeOrder>>> PlaceAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await ReadObjectAsync(request, ct);
        var placed = await sender.Send(new PlaceCoffeeOrder(String(body, "orderId"), String(body, "userId"), String(body, "drink")), ct);
        return placed.Created
            ? TypedResults.Accepted($"/coffee/orders/{placed.OrderId}", placed)
            : TypedResults.Ok(placed);
    }

    private static async Task<Accepted<DrinkDto>> CompleteAsync(string orderId, HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await ReadObjectAsync(request, ct);
        var drink = await sender.Send(new CompleteDrink(orderId, String(body, "baristaId")), ct);
        return TypedResults.Accepted($"/coffee/orders/{drink.OrderId}", drink);
    }

    private static async Task<Ok<CoffeeSettingsDto>> ChangeSettingsAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await ReadObjectAsync(request, ct);
        bool? open = body["storeOpen"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw new InvalidInputException("storeOpen", "'storeOpen' must be true or false."),
        };
        int? capacity = body["baristaCapacity"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<int>(out var n) => n,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (int)d,
            _ => throw new InvalidInputException("baristaCapacity", "'baristaCapacity' must be a whole number from 1 to 1000."),
        };
        return TypedResults.Ok(await sender.Send(new ChangeCoffeeSettings(open, capacity), ct));
    }

    private static Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct) => JsonBody.ReadObjectAsync(request, "", ct);

    private static string? String(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidInputException(name, $"'{name}' must be a string."),
    };
}
