using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Asl;

/// <summary>
/// The Path forms of the limits, read from the state's input at run time: TimeoutSecondsPath and HeartbeatSecondsPath
/// on every Task (a plain local function, a callback), ToleratedFailureCountPath and ToleratedFailurePercentagePath on
/// Map. Workflows:TimeScale 0.01 makes a second 10 ms; "Slow" runs until it is canceled.
/// </summary>
public sealed class PathLimitsTests : IDisposable
{
    private readonly ShopApp _app = new ShopApp().With("Workflows:TimeScale", "0.01").WithServices(s => s.AddFunction("Slow", async (_, _, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return null;
    }));

    private readonly HttpClient _client;

    public PathLimitsTests() => _client = _app.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private async Task<JsonObject> RunAsync(string machine, string document, object input, string status)
    {
        var put = await _client.PutAsync($"/workflows/{machine}", new StringContent(document, Encoding.UTF8, "application/json"));
        put.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], await put.Content.ReadAsStringAsync());
        var id = await _client.StartAsync(machine, input);
        return await _client.WaitForStatusAsync(id, status, 30);
    }

    private static string TaskMachine(string resource, string limits, string parameters = "{}", string catches = "States.Timeout") => """
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "RESOURCE", "Parameters": PARAMETERS, LIMITS,
                   "Catch": [{"ErrorEquals": ["CATCHES"], "ResultPath": "$.timedOut", "Next": "Late"}], "End": true},
          "Late": {"Type": "Pass", "End": true}}}
        """.Replace("RESOURCE", resource, StringComparison.Ordinal).Replace("PARAMETERS", parameters, StringComparison.Ordinal)
        .Replace("LIMITS", limits, StringComparison.Ordinal).Replace("CATCHES", catches, StringComparison.Ordinal);

    private const string SlowFunction = "arn:aws:lambda:us-east-1:000000000000:function:Slow";
    private const string WaitingEvent = """{"Entries": [{"Source": "test.limits", "DetailType": "Waiting", "Detail": {"token.$": "$$.Task.Token"}}]}""";

    /// <summary>As Step Functions: the error of a missed heartbeat is States.Timeout, and a rule naming States.HeartbeatTimeout catches it.</summary>
    [Theory]
    [InlineData(SlowFunction, "{}")]
    [InlineData("arn:aws:states:::events:putEvents.waitForTaskToken", WaitingEvent)]
    public async Task Given_a_Catch_on_States_HeartbeatTimeout_When_the_heartbeat_is_missed_Then_it_catches_the_timeout(string resource, string parameters)
    {
        var machine = TaskMachine(resource, "\"HeartbeatSeconds\": 2, \"TimeoutSeconds\": 99999", parameters, catches: "States.HeartbeatTimeout");

        var done = await RunAsync("heartbeat-catch", machine, new { }, "SUCCEEDED");

        ((string)done["output"]!["timedOut"]!["Error"]!).Should().Be("States.Timeout");
        ((string)done["output"]!["timedOut"]!["Cause"]!).Should().Contain("heartbeat");
    }

    [Theory]
    [InlineData(SlowFunction, "{}")]
    [InlineData("arn:aws:states:::events:putEvents.waitForTaskToken", WaitingEvent)]
    public async Task Given_a_Catch_on_States_HeartbeatTimeout_When_the_TimeoutSeconds_pass_with_heartbeats_unset_Then_it_does_not_catch(string resource, string parameters)
    {
        var machine = TaskMachine(resource, "\"TimeoutSeconds\": 2", parameters, catches: "States.HeartbeatTimeout");

        var done = await RunAsync("timeout-not-heartbeat", machine, new { }, "FAILED");

        ((string)done["error"]!).Should().Be("States.Timeout");
    }

    [Fact]
    public async Task Given_TimeoutSecondsPath_on_a_plain_Task_When_the_function_runs_longer_Then_States_Timeout()
    {
        var machine = TaskMachine(SlowFunction, "\"TimeoutSecondsPath\": \"$.limits.timeout\"");

        var done = await RunAsync("timeout-path", machine, new { limits = new { timeout = 1 } }, "SUCCEEDED");

        ((string)done["output"]!["timedOut"]!["Error"]!).Should().Be("States.Timeout");
        ((string)done["output"]!["timedOut"]!["Cause"]!).Should().Contain("TimeoutSeconds (1 s)");
    }

    [Fact]
    public async Task Given_TimeoutSecondsPath_on_a_plain_Task_When_the_function_answers_in_time_Then_its_result()
    {
        var machine = TaskMachine("arn:aws:lambda:us-east-1:000000000000:function:Add", "\"TimeoutSecondsPath\": \"$.limit\"",
            """{"add": {"numbers.$": "$.numbers"}}""");

        var done = await RunAsync("timeout-path-ok", machine, new { limit = 3600, numbers = new[] { 2, 3 } }, "SUCCEEDED");

        ((int)done["output"]!["result"]!).Should().Be(5);
    }

    [Fact]
    public async Task Given_HeartbeatSecondsPath_on_a_plain_Task_When_the_function_sends_no_heartbeat_Then_States_Timeout_at_the_heartbeat()
    {
        var machine = TaskMachine(SlowFunction,
            "\"HeartbeatSecondsPath\": \"$.heartbeat\", \"TimeoutSeconds\": 99999");

        var done = await RunAsync("heartbeat-path", machine, new { heartbeat = 2 }, "SUCCEEDED");

        ((string)done["output"]!["timedOut"]!["Error"]!).Should().Be("States.Timeout");
        ((string)done["output"]!["timedOut"]!["Cause"]!).Should().Contain("No heartbeat within 2 s");
    }

    [Fact]
    public async Task Given_HeartbeatSecondsPath_on_a_callback_Task_When_no_heartbeat_comes_Then_States_Timeout()
    {
        var machine = TaskMachine("arn:aws:states:::events:putEvents.waitForTaskToken", "\"HeartbeatSecondsPath\": \"$.heartbeat\"", WaitingEvent);

        var done = await RunAsync("heartbeat-path-callback", machine, new { heartbeat = 3 }, "SUCCEEDED");

        ((string)done["output"]!["timedOut"]!["Error"]!).Should().Be("States.Timeout");
        ((string)done["output"]!["timedOut"]!["Cause"]!).Should().Contain("heartbeat");
    }

    /// <summary>Items 1-4; the even ones fail: 2 of 4 fail (50 %).</summary>
    private static string MapMachine(string tolerance) => """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", TOLERANCE,
          "ItemProcessor": {"StartAt": "Even?", "States": {
            "Even?": {"Type": "Choice", "Choices": [{"Or": [{"Variable": "$", "NumericEquals": 2}, {"Variable": "$", "NumericEquals": 4}], "Next": "Boom"}], "Default": "Fine"},
            "Boom": {"Type": "Fail", "Error": "Even", "Cause": "an even item"},
            "Fine": {"Type": "Pass", "End": true}}},
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Too many"}], "End": true},
          "Too many": {"Type": "Pass", "End": true}}}
        """.Replace("TOLERANCE", tolerance, StringComparison.Ordinal);

    [Theory]
    [InlineData("\"ToleratedFailureCountPath\": \"$.tolerate\"", 2, true)]
    [InlineData("\"ToleratedFailureCountPath\": \"$.tolerate\"", 1, false)]
    [InlineData("\"ToleratedFailurePercentagePath\": \"$.tolerate\"", 50, true)]
    [InlineData("\"ToleratedFailurePercentagePath\": \"$.tolerate\"", 25, false)]
    public async Task Given_a_Maps_tolerated_failures_read_from_a_path_When_two_of_four_iterations_fail_Then_it_succeeds_only_within_them(
        string tolerance, double tolerate, bool succeeds)
    {
        var done = await RunAsync("map-tolerance", MapMachine(tolerance), new { items = new[] { 1, 2, 3, 4 }, tolerate }, "SUCCEEDED");

        if (succeeds)
        {
            var results = done["output"]!.AsArray();
            results.Select(r => r is JsonObject o ? (string?)o["Error"] : null).Should().Equal(null, "Even", null, "Even");
        }
        else
        {
            ((string)done["output"]!["Error"]!).Should().Be("States.ExceedToleratedFailureThreshold");
        }
    }

    [Theory]
    [InlineData("\"ToleratedFailureCountPath\": \"$.tolerate\"", "-1", "ToleratedFailureCountPath")]
    [InlineData("\"ToleratedFailureCountPath\": \"$.tolerate\"", "\"two\"", "ToleratedFailureCountPath")]
    [InlineData("\"ToleratedFailurePercentagePath\": \"$.tolerate\"", "101", "ToleratedFailurePercentagePath")]
    public async Task Given_a_bad_tolerated_failures_value_at_the_path_When_the_Map_starts_Then_States_Runtime_naming_the_field(
        string tolerance, string value, string field)
    {
        var input = JsonNode.Parse($$"""{"items": [1, 3], "tolerate": {{value}}}""");

        var done = await RunAsync("map-tolerance-bad", MapMachine(tolerance).Replace("\"States.ALL\"", "\"Even\"", StringComparison.Ordinal), input!, "FAILED");

        ((string)done["error"]!).Should().Be("States.Runtime");
        ((string)done["cause"]!).Should().Contain(field);
    }

    [Fact]
    public async Task Given_both_a_fixed_and_a_path_tolerance_When_put_Then_InvalidDefinition_naming_the_field()
    {
        var put = await _client.PutAsync("/workflows/map-both", new StringContent(
            MapMachine("\"ToleratedFailureCount\": 1, \"ToleratedFailureCountPath\": \"$.tolerate\""), Encoding.UTF8, "application/json"));

        put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await put.Content.ReadAsStringAsync()).Should().Contain("ToleratedFailureCountPath");
    }
}
