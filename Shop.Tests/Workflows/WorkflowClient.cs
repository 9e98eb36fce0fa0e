using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>The engine's HTTP API as the tests call it.</summary>
internal static class WorkflowClient
{
    public static async Task<string> StartAsync(this HttpClient client, string workflow, object? input = null, string? name = null)
    {
        var response = await client.PostAsJsonAsync($"/workflows/{workflow}/executions", new { name, input = input ?? new { } });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["executionId"]!;
    }

    public static async Task<JsonObject> DescribeAsync(this HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/workflows/executions/{id}"))!;

    public static async Task<List<JsonObject>> HistoryAsync(this HttpClient client, string id)
    {
        var body = await client.GetFromJsonAsync<JsonObject>($"/workflows/executions/{id}/history");
        return body!["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
    }

    public static async Task<List<string>> HistoryTypesAsync(this HttpClient client, string id) =>
        (await client.HistoryAsync(id)).Select(e => (string)e["type"]!).ToList();

    public static Task<JsonObject> WaitForStatusAsync(this HttpClient client, string id, string status, double seconds = Eventually.DefaultSeconds) =>
        Eventually.UntilAsync(() => client.DescribeAsync(id), execution => (string)execution["status"]! == status,
            execution => $"execution {id} is {execution["status"]} in '{execution["currentState"]}', not {status}", seconds);

    /// <summary>Waits until the history holds <paramref name="count"/> events of that type and the engine has nothing left to do.</summary>
    public static Task WaitForEventAsync(this HttpClient client, ShopApp app, string id, string type, int count = 1, double seconds = 15)
    {
        var worker = app.Services.GetRequiredService<WorkflowWorker>();
        return Eventually.UntilAsync(async () => (Types: await client.HistoryTypesAsync(id), Idle: worker.IsIdle),
            seen => seen.Types.Count(t => t == type) >= count && seen.Idle,
            seen => $"no {count} × {type} (or the worker busy) in {string.Join(", ", seen.Types)}", seconds);
    }

    public static async Task<string> TokenAsync(this Probe probe, string executionId)
    {
        await Eventually.UntilAsync(() => probe.Tokens.ContainsKey(executionId), $"no task token reached the probe for {executionId}", 15);
        return probe.Tokens[executionId];
    }

    public static Task<int> FireDueDeadlinesAsync(this ShopApp app) =>
        app.Services.GetRequiredService<WorkflowTimers>().FireDueDeadlinesAsync();
}
