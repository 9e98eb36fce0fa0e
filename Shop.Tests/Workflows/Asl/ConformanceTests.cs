using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Asl;

/// <summary>One shop for all cases: starting a host per case would cost more than the cases themselves.</summary>
public sealed class ConformanceFixture : IDisposable
{
    // Waits and retries of the `slow` cases (up to ~10 s) shrink to a fraction; every other case is immediate.
    public ShopApp App { get; } = new ShopApp().With("Workflows:TimeScale", "0.02").With("Workflows:Workers", "4");

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Every AWS-recorded case of ../shared/asl-conformance runs through the real engine (SQLite, worker, timers):
/// created as a state machine, started with its input, and compared as that folder's README says.
/// </summary>
public sealed class ConformanceTests(ConformanceFixture fixture) : IClassFixture<ConformanceFixture>
{
    [ConformanceTheory]
    [MemberData(nameof(ConformanceCases.Names), MemberType = typeof(ConformanceCases))]
    public async Task Given_an_AWS_recorded_case_When_it_runs_Then_status_output_error_and_cause_agree(string name)
    {
        ConformanceCases.Present.Should().BeTrue($"the conformance cases must be at {ConformanceCases.Folder} (CI=true)");
        var testCase = ConformanceCases.Load(name);
        var expect = testCase["expect"]!.AsObject();

        var machine = "conf-" + Math.Abs(name.GetHashCode(StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var machines = scope.ServiceProvider.GetRequiredService<IStateMachines>();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        await machines.PutAsync(machine, testCase["definition"]!.ToJsonString());
        var started = await engine.StartAsync(machine, testCase["input"]?.DeepClone() ?? new JsonObject(), Guid.NewGuid().ToString("N"));
        var execution = await WaitForEndAsync(engine, started.ExecutionId);

        var because = $"case {name}: got {execution.Status} output={execution.Output?.ToJsonString()} error={execution.Error} cause={execution.Cause}";
        execution.Status.Should().Be((string)expect["status"]!, because);
        if (expect.TryGetPropertyValue("output", out var output))
            Normalise(execution.Output).Should().Be(Normalise(output), because);
        if (expect["outputKeys"] is JsonArray keys)
            (execution.Output as JsonObject)?.Select(p => p.Key).Should().BeEquivalentTo(keys.Select(k => (string)k!), because);
        if (expect.TryGetPropertyValue("error", out var error))
            execution.Error.Should().Be((string?)error, because);
        if (expect.TryGetPropertyValue("cause", out var cause))
            execution.Cause.Should().Be((string?)cause, because);
    }

    private static Task<ExecutionDescription> WaitForEndAsync(IWorkflowEngine engine, string id) =>
        Eventually.UntilAsync(() => engine.DescribeAsync(id), execution => execution.Status != ExecutionStatus.Running,
            execution => $"execution {id} is still RUNNING in '{execution.CurrentState}'", 60);

    /// <summary>Key order ignored, arrays ordered, numbers by value: compared as canonical text.</summary>
    private static string Normalise(JsonNode? node) => JsonSerializer.Serialize(Canonical(node));

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) + 0.0),
        _ => node?.DeepClone(),
    };
}
