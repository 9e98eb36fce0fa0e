using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.Workflows.Resources;

/// <summary>
/// Seed 003's workflow as ASL (../shared/fixtures/seed003-coffee.asl.json, read in place) driven as the seed's reader
/// does it, through the real AWS CLI (/usr/bin/aws) against a started Shop.Web: create-state-machine, the config item
/// with <c>aws dynamodb put-item</c>, start-execution with the seed's <c>{"detail": {...}}</c>, the token from the
/// WaitingCompletion event, <c>send-task-success --task-output '{"baristaId": "Julia"}'</c>. Every test creates its own
/// state machine (the capacity rule counts that machine's running executions) and puts the config item it needs
/// (the tests of a class run one after another).
/// </summary>
public sealed class Seed003CliTests(Seed003CliTests.Servers servers) : IClassFixture<Seed003CliTests.Servers>
{
    private const string Role = "arn:aws:iam::000000000000:role/sw-state-machine";

    /// <summary>
    /// Two shops: <see cref="Paced"/> at Workflows:TimeScale 0.1 (the 900 s heartbeat lasts 90 s, time for the
    /// barista's commands) and <see cref="Fast"/> at 0.002 (the heartbeat lasts 1.8 s: the missed-heartbeat path).
    /// </summary>
    public sealed class Servers : IAsyncLifetime
    {
        public ShopServer Paced { get; private set; } = null!;

        public ShopServer Fast { get; private set; } = null!;

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "shop-seed003-cli", Guid.NewGuid().ToString("N"));

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Folder);
            var paced = ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__TimeScale"] = "0.1" });
            var fast = ShopServer.StartAsync(new Dictionary<string, string> { ["Workflows__TimeScale"] = "0.002" });
            await Task.WhenAll(paced, fast);
            (Paced, Fast) = (await paced, await fast);
        }

        public async Task DisposeAsync()
        {
            await Paced.DisposeAsync();
            await Fast.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private sealed record Shop(ShopServer Server, AwsCli Cli);

    private Shop PacedShop => new(servers.Paced, new AwsCli(servers.Paced.BaseAddress, servers.Folder));

    private Shop FastShop => new(servers.Fast, new AwsCli(servers.Fast.BaseAddress, servers.Folder));

    private static Task<JsonNode> OkAsync(Shop shop, params string[] args) => shop.Cli.OkAsync(args);

    /// <summary>The seed's setup (the config table) and step 2 (its item), then the state machine; its ARN.</summary>
    private async Task<string> SetUpAsync(Shop shop, string machine, bool open)
    {
        var table = await shop.Cli.RunAsync("dynamodb", "create-table", "--table-name", "sw-config-table",
            "--attribute-definitions", "AttributeName=PK,AttributeType=S", "--key-schema", "AttributeName=PK,KeyType=HASH",
            "--billing-mode", "PAY_PER_REQUEST");
        (table.ExitCode == 0 || table.Stderr.Contains("(ResourceInUseException)", StringComparison.Ordinal)).Should().BeTrue(table.ToString());
        await OkAsync(shop, "dynamodb", "put-item", "--table-name", "sw-config-table",
            "--item", $$$"""{"PK": {"S": "config"}, "open": {"BOOL": {{{(open ? "true" : "false")}}}}}""");

        var arn = $"arn:aws:states:us-east-1:000000000000:stateMachine:{machine}";
        var file = Path.Combine(servers.Folder, machine + ".asl.json");
        await File.WriteAllTextAsync(file, SharedFixtures.Read("seed003-coffee.asl.json").Replace("${StateMachineArn}", arn, StringComparison.Ordinal));
        var created = await OkAsync(shop, "stepfunctions", "create-state-machine", "--name", machine, "--definition", $"file://{file}", "--role-arn", Role);
        ((string)created["stateMachineArn"]!).Should().Be(arn);
        return arn;
    }

    private static async Task<string> StartAsync(Shop shop, string machineArn, string orderId) =>
        (string)(await OkAsync(shop, "stepfunctions", "start-execution", "--state-machine-arn", machineArn,
            "--input", $$$"""{"detail": {"orderId": "{{{orderId}}}", "userId": "lars.roewekamp", "drink": "Americano grande latte"}}"""))["executionArn"]!;

    [SharedFixturesFact]
    public async Task Given_seed_003s_ASL_created_with_the_cli_When_the_barista_sends_task_success_Then_the_seeds_final_output()
    {
        var shop = PacedShop;
        var machine = await SetUpAsync(shop, "seed003-success", open: true);

        var execution = await StartAsync(shop, machine, "asl-cli-1");
        var token = await WaitingTokenAsync(shop, "asl-cli-1");
        // The seed's command, word for word (with the token copied from the event).
        await OkAsync(shop, "stepfunctions", "send-task-success", "--task-output", """{"baristaId": "Julia"}""", "--task-token", token);

        var done = await WaitForStatusAsync(shop, execution, "SUCCEEDED");
        JsonNode.Parse((string)done["output"]!)!.ToJsonString().Should().Be("""
            {"orderCompleted":{"displayMessage":"Order with id asl-cli-1 is ready for pick up.","orderCreated":{"orderId":"asl-cli-1","orderStatus":"ready for pickup","userId":"lars.roewekamp","drink":"Americano grande latte","baristaId":"Julia"}}}
            """.Trim());
    }

    [SharedFixturesFact]
    public async Task Given_the_store_closed_with_put_item_When_an_order_comes_Then_Error_Handling()
    {
        var shop = FastShop;
        var machine = await SetUpAsync(shop, "seed003-closed", open: false);

        var execution = await StartAsync(shop, machine, "asl-cli-closed");

        var done = await WaitForStatusAsync(shop, execution, "SUCCEEDED");
        (await EnteredStatesAsync(shop, execution)).Should().Contain("Error Handling").And.NotContain("Get Capacity");
        JsonNode.Parse((string)done["output"]!)!["storeInfo"]!["Item"]!["open"]!["BOOL"]!.GetValue<bool>().Should().BeFalse();
    }

    [SharedFixturesFact]
    public async Task Given_ten_orders_waiting_for_a_barista_When_another_comes_Then_the_capacity_is_full_and_it_goes_to_Error_Handling()
    {
        var shop = PacedShop;
        var machine = await SetUpAsync(shop, "seed003-capacity", open: true);
        var waiting = new List<string>();
        try
        {
            // The seed's rule reads Executions[10] of the RUNNING list, the new execution included: ten may run at once.
            for (var i = 1; i <= 10; i++)
            {
                waiting.Add(await StartAsync(shop, machine, $"asl-cli-cap-{i}"));
                await WaitingTokenAsync(shop, $"asl-cli-cap-{i}");
            }

            var eleventh = await StartAsync(shop, machine, "asl-cli-cap-11");

            await WaitForStatusAsync(shop, eleventh, "SUCCEEDED");
            (await EnteredStatesAsync(shop, eleventh)).Should().Contain(["Get Capacity", "Error Handling"]).And.NotContain("Awaiting order completion");
        }
        finally
        {
            foreach (var arn in waiting) await shop.Cli.RunAsync("stepfunctions", "stop-execution", "--execution-arn", arn);
        }
    }

    [SharedFixturesFact]
    public async Task Given_no_barista_answers_When_the_heartbeat_is_missed_Then_Barista_timed_out_with_the_error_in_errorComment()
    {
        var shop = FastShop;
        var machine = await SetUpAsync(shop, "seed003-heartbeat", open: true);

        var execution = await StartAsync(shop, machine, "asl-cli-late");
        await WaitingTokenAsync(shop, "asl-cli-late");

        var done = await WaitForStatusAsync(shop, execution, "SUCCEEDED");
        (await EnteredStatesAsync(shop, execution)).Should().Contain("Barista timed out").And.NotContain("Order Completed");
        var output = JsonNode.Parse((string)done["output"]!)!;
        ((string)output["errorComment"]!["Error"]!).Should().Be("States.Timeout");
        ((string)output["errorComment"]!["Cause"]!).Should().NotBeNullOrEmpty();
        ((string)output["orderToCreate"]!["orderId"]!).Should().Be("asl-cli-late");
    }

    private static async Task<List<string>> EnteredStatesAsync(Shop shop, string execution)
    {
        var history = await OkAsync(shop, "stepfunctions", "get-execution-history", "--execution-arn", execution);
        return history["events"]!.AsArray().Where(e => ((string)e!["type"]!).EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => (string)e!["stateEnteredEventDetails"]!["name"]!).ToList();
    }

    private static async Task<string> WaitingTokenAsync(Shop shop, string orderId)
    {
        using var client = shop.Server.CreateClient();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/events?detailType=OrderProcessor.WaitingCompletion&orderId={orderId}");
            var item = page!["items"]!.AsArray().FirstOrDefault();
            if (item is not null) return (string)item["eventDetail"]!["detail"]!["TaskToken"]!;
            if (DateTime.UtcNow > until) throw new TimeoutException($"No WaitingCompletion for {orderId}:\n{shop.Server.Output}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonNode> WaitForStatusAsync(Shop shop, string arn, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var described = await OkAsync(shop, "stepfunctions", "describe-execution", "--execution-arn", arn);
            if ((string)described["status"]! == status) return described;
            if ((string)described["status"]! != "RUNNING") throw new InvalidOperationException($"{arn} ended {described.ToJsonString()}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"{arn} is {described["status"]}, not {status}");
            await Task.Delay(300);
        }
    }
}
