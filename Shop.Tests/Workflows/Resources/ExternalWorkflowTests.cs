using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Resources;

/// <summary>
/// The external ASL documents of ../shared/fixtures, as written, on the shop's engine and local resources: seed 003's
/// coffee workflow (its config item in the item store, the barista's token on the bus), in process; through the
/// real AWS CLI in <see cref="Seed003CliTests"/>. The sample's order workflow: <see cref="OrderCreateWorkflowTests"/>.
/// </summary>
public sealed class ExternalWorkflowTests : IDisposable
{
    private const string Arn = "arn:aws:states:us-east-1:000000000000:stateMachine:";
    private readonly ShopApp _app = new ShopApp().With("Workflows:TimeScale", "0.001");
    private readonly HttpClient _client;

    public ExternalWorkflowTests() => _client = _app.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task CreateMachineAsync(string name, string document)
    {
        var response = await _client.PutAsync($"/workflows/{name}", new StringContent(document, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> WaitForEventAsync(string detailType, Func<JsonObject, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var scope = _app.Services.CreateAsyncScope())
            {
                var page = await scope.ServiceProvider.GetRequiredService<IEventStore>().QueryAsync(new EventQuery(DetailType: detailType), 1, 200);
                if (page.Items.Select(i => i.Envelope.Detail).FirstOrDefault(match) is { } found) return found;
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"No {detailType} event.");
            await Task.Delay(50);
        }
    }

    private async Task SetUpSeed003Async(bool open)
    {
        // The seed's setup made the bus (when the shop knows named buses) and the config table; step 2 puts the item.
        var bus = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"Name":"sw-event-bus"}""") };
        bus.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        bus.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSEvents.CreateEventBus");
        await _client.SendAsync(bus);
        await SendAsync(new CreateTable("sw-config-table", new KeyAttribute("PK", "S")));
        await SendAsync(new PutItem("sw-config-table", (JsonObject)JsonNode.Parse($$$"""{"PK":{"S":"config"},"open":{"BOOL":{{{(open ? "true" : "false")}}}}}""")!));
        await CreateMachineAsync("seed003-coffee", SharedFixtures.Read("seed003-coffee.asl.json").Replace("${StateMachineArn}", Arn + "seed003-coffee", StringComparison.Ordinal));
    }

    private static object Order(string orderId) => new { detail = new { orderId, userId = "user-1", drink = "Cappuccino" } };

    [SharedFixturesFact]
    public async Task Given_seed_003s_workflow_When_the_barista_sends_task_success_Then_the_seeds_final_output()
    {
        await SetUpSeed003Async(open: true);

        var id = await _client.StartAsync("seed003-coffee", Order("o-1"));
        var waiting = await WaitForEventAsync("OrderProcessor.WaitingCompletion", d => (string?)d["orderId"] == "o-1");
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().SendTaskSuccessAsync((string)waiting["TaskToken"]!, JsonNode.Parse("""{"baristaId": "Julia"}"""));
        var done = await _client.WaitForStatusAsync(id, "SUCCEEDED");

        done["output"]!.ToJsonString().Should().Be("""
            {"orderCompleted":{"displayMessage":"Order with id o-1 is ready for pick up.","orderCreated":{"orderId":"o-1","orderStatus":"ready for pickup","userId":"user-1","drink":"Cappuccino","baristaId":"Julia"}}}
            """.Trim());
    }

    [SharedFixturesFact]
    public async Task Given_seed_003s_store_closed_When_an_order_comes_Then_Error_Handling()
    {
        await SetUpSeed003Async(open: false);

        var id = await _client.StartAsync("seed003-coffee", Order("o-2"));

        var done = await _client.WaitForStatusAsync(id, "SUCCEEDED");
        (await _client.HistoryAsync(id)).Should().Contain(e => (string?)e["state"] == "Error Handling");
        done["output"]!["storeInfo"]!["Item"]!["open"]!["BOOL"]!.GetValue<bool>().Should().BeFalse();
    }
}
