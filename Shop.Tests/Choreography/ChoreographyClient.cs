using Shop.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Tests.Workflows;

namespace Shop.Tests.Choreography;

/// <summary>The choreography API as the tests call it.</summary>
internal static class ChoreographyClient
{
    public static JsonObject Event(string source, string detailType, string id, JsonObject? extra = null, double wait = 0)
    {
        var detail = new JsonObject { ["id"] = id };
        foreach (var (key, value) in extra ?? []) detail[key] = value?.DeepClone();
        return new JsonObject { ["source"] = source, ["detailType"] = detailType, ["detail"] = detail, ["wait"] = wait };
    }

    public static JsonObject Car(string detailType, string id, JsonObject? extra = null) => Event("car", detailType, id, extra);

    public static JsonObject Order(string detailType, string id) => Event("order", detailType, id);

    public static async Task<JsonObject> SimulateAsync(this HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/choreography/simulations", body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var simulation = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)simulation["simulationId"]!;
        simulation = await Eventually.UntilAsync(async () => (await client.GetFromJsonAsync<JsonObject>($"/choreography/simulations/{id}"))!,
            s => (string)s["status"]! != "RUNNING", s => $"simulation {id} still runs: {s}");
        ((string)simulation["status"]!).Should().Be("SUCCEEDED");
        ((int)simulation["published"]!).Should().Be((int)simulation["total"]!);
        return simulation;
    }

    public static Task<JsonObject> SimulateAsync(this HttpClient client, params JsonObject[] events) =>
        client.SimulateAsync(new JsonObject { ["events"] = new JsonArray(events) });

    public static async Task<JsonObject> RunAsync(this HttpClient client, string choreography, string entityId)
    {
        var run = await Eventually.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonArray>($"/choreography/{choreography}/runs"))!.FirstOrDefault(r => (string)r!["entityId"]! == entityId),
            r => r is not null, _ => $"no run of {choreography} for {entityId}");
        return run!.AsObject();
    }

    /// <summary>Waits for the run's execution to reach <paramref name="status"/>; returns its description.</summary>
    public static async Task<JsonObject> ExecutionOfAsync(this HttpClient client, string choreography, string entityId, string status)
    {
        var run = await client.RunAsync(choreography, entityId);
        return await client.WaitForStatusAsync((string)run["executionId"]!, status, seconds: 30);
    }
}
