using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.ChangeSettings;

/// <summary>
/// <c>PUT /coffee/settings</c> <c>{"storeOpen"?, "baristaCapacity"?}</c>. Read as raw JSON so a wrongly typed value
/// is a 400 that names it.
/// </summary>
internal static class ChangeCoffeeSettingsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPut("/settings", HandleAsync).Accepts<ChangeCoffeeSettings>("application/json");

    private static async Task<Ok<CoffeeSettingsDto>> HandleAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "", ct);
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
}
