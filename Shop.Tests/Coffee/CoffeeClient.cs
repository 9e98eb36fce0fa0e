using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Coffee.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Coffee;

/// <summary>The coffee API as the tests call it.</summary>
internal static class CoffeeClient
{
    /// <summary>Places the drink (<see cref="ADrink"/>) under <paramref name="orderId"/>; the id of the barista execution it started.</summary>
    public static async Task<string> PlaceCoffeeAsync(this HttpClient client, string orderId, string userId = "lars.roewekamp", string drink = "Americano grande latte") =>
        (await ADrink.WithOrderId(orderId).For(userId).Making(drink).PlaceAsync(client)).ExecutionId;

    public static Task<DrinkDto> DrinkAsync(this HttpClient client, string orderId) =>
        client.GetOkAsync<DrinkDto>($"/coffee/orders/{orderId}");

    public static async Task<DrinkDto> WaitForDrinkAsync(this HttpClient client, string orderId, string status, double seconds = Eventually.DefaultSeconds)
    {
        var seen = await Eventually.UntilAsync(() => client.GetJsonAsync($"/coffee/orders/{orderId}"),
            reply => reply.Status == HttpStatusCode.OK && reply.As<DrinkDto>().Status == status,
            reply => reply.Status == HttpStatusCode.OK ? $"drink {orderId} is not {status}: {reply}" : $"drink {orderId} not found ({reply}), expected {status}",
            seconds);
        return seen.As<DrinkDto>();
    }

    public static Task<HttpResponseMessage> CompleteCoffeeOrderAsync(this HttpClient client, string orderId, string baristaId = "Julia") =>
        client.PostAsJsonAsync($"/coffee/orders/{orderId}/complete", new { baristaId });

    public static Task<HttpResponseMessage> HeartbeatDrinkAsync(this HttpClient client, string orderId) =>
        client.PostAsync(new Uri($"/coffee/orders/{orderId}/heartbeat", UriKind.Relative), content: null);

    public static async Task<CoffeeSettingsDto> SettingsAsync(this HttpClient client, object settings)
    {
        var response = await client.PutAsJsonAsync("/coffee/settings", settings);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CoffeeSettingsDto>(JsonHttp.Options))!;
    }

    /// <summary>The WaitingCompletion events of an order, as stored in the event store (the seed copies the token from there).</summary>
    public static async Task<List<JsonObject>> WaitingCompletionEventsAsync(this HttpClient client, string orderId)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/events?detailType=OrderProcessor.WaitingCompletion&orderId={orderId}");
        return page!["items"]!.AsArray().Select(i => i!["eventDetail"]!.AsObject()).ToList();
    }

    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
