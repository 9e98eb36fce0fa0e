using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Coffee;

/// <summary>The coffee API as the tests call it.</summary>
internal static class CoffeeClient
{
    public static async Task<string> PlaceCoffeeAsync(this HttpClient client, string orderId, string userId = "lars.roewekamp", string drink = "Americano grande latte")
    {
        var response = await client.PostAsJsonAsync("/coffee/orders", new { orderId, userId, drink });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
    }

    public static async Task<JsonObject> DrinkAsync(this HttpClient client, string orderId) =>
        (await client.GetFromJsonAsync<JsonObject>($"/coffee/orders/{orderId}"))!;

    public static async Task<JsonObject> WaitForDrinkAsync(this HttpClient client, string orderId, string status, double seconds = Eventually.DefaultSeconds)
    {
        var (code, drink) = await Eventually.UntilAsync(async () =>
            {
                var response = await client.GetAsync(new Uri($"/coffee/orders/{orderId}", UriKind.Relative));
                return (response.StatusCode, Drink: response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null);
            },
            seen => (string?)seen.Drink?["status"] == status,
            seen => seen.Drink is null ? $"drink {orderId} not found ({seen.StatusCode}), expected {status}" : $"drink {orderId} is {seen.Drink["status"]}, not {status}: {seen.Drink}",
            seconds);
        return drink!;
    }

    public static Task<HttpResponseMessage> CompleteCoffeeOrderAsync(this HttpClient client, string orderId, string baristaId = "Julia") =>
        client.PostAsJsonAsync($"/coffee/orders/{orderId}/complete", new { baristaId });

    public static Task<HttpResponseMessage> HeartbeatDrinkAsync(this HttpClient client, string orderId) =>
        client.PostAsync(new Uri($"/coffee/orders/{orderId}/heartbeat", UriKind.Relative), content: null);

    public static async Task<JsonObject> SettingsAsync(this HttpClient client, object settings)
    {
        var response = await client.PutAsJsonAsync("/coffee/settings", settings);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
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
