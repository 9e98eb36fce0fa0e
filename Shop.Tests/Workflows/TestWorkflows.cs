using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Modules.Workflows.Demo;

using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows;

/// <summary>What the test workflows' steps tell the tests: issued task tokens and how often each step ran.</summary>
public sealed class Probe
{
    public ConcurrentDictionary<string, string> Tokens { get; } = new();

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public volatile bool Healthy;

    public int Call(StepContext ctx) => Calls.AddOrUpdate($"{ctx.ExecutionId}/{ctx.State}", 1, (_, n) => n + 1);

    public int CallsOf(string executionId, string state) => Calls.TryGetValue($"{executionId}/{state}", out var n) ? n : 0;

    private readonly ConcurrentDictionary<string, byte> _running = new();
    private int _overlaps;

    /// <summary>How often a step started while another step of the same execution was still running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public async Task RunAloneAsync(StepContext ctx, TimeSpan duration)
    {
        if (!_running.TryAdd(ctx.ExecutionId, 0)) Interlocked.Increment(ref _overlaps);
        await Task.Delay(duration);
        _running.TryRemove(ctx.ExecutionId, out _);
    }
}

/// <summary>Small workflows that exercise one engine feature each.</summary>
internal static class TestWorkflows
{
    private static Task<JsonNode?> Result(JsonNode? value) => Task.FromResult(value);

    private static Probe ProbeOf(StepContext ctx) => ctx.Services.GetRequiredService<Probe>();

    private static Task StoreToken(StepContext ctx)
    {
        ProbeOf(ctx).Tokens[ctx.ExecutionId] = ctx.TaskToken!;
        return Task.CompletedTask;
    }

    /// <summary>Pass, Task, Choice, Wait, Parallel and Succeed in one run.</summary>
    public static readonly WorkflowDefinition Kinds = Workflow.Define("Test.Kinds")
        .Pass("Prepare", p => p.Result(new JsonObject { ["greeting"] = "hello" }).ResultPath("$.pass").Next("Price"))
        .Task("Price", (ctx, _) => Result(WorkflowJson.From(new { total = (int)ctx.Input["quantity"]! * 10 })), t => t.ResultPath("$.price").Next("Big Order?"))
        .Choice("Big Order?", c => c
            .When("total over 100", d => (int)d["price"]!["total"]! > 100, "Big")
            .Otherwise("Small"))
        .Pass("Big", p => p.Result(JsonValue.Create("big")).ResultPath("$.size").Next("Pause"))
        .Pass("Small", p => p.Result(JsonValue.Create("small")).ResultPath("$.size").Next("Pause"))
        .Wait("Pause", w => w.Seconds(0.2).Next("Both"))
        .Parallel("Both", p => p
            .Branch(b => b.Wait("Nap", w => w.Seconds(0.3).Next("Left")).Task("Left", (_, _) => Result(JsonValue.Create("L")), t => t.End()))
            .Branch(b => b.Task("Right", (_, _) => Result(JsonValue.Create("R")), t => t.End()))
            .ResultPath("$.branches")
            .Next("Done"))
        .Succeed("Done")
        .Build();

    public static readonly WorkflowDefinition Failing = Workflow.Define("Test.Failing")
        .Task("Check", (_, _) => Result(null), t => t.Next("Reject"))
        .Fail("Reject", "OrderRejected", "Nobody wanted it")
        .Build();

    /// <summary>Fails "Flaky" every time: two retries (1 s, then 2 s), then caught.</summary>
    public static readonly WorkflowDefinition Retrying = Workflow.Define("Test.Retrying")
        .Task("Flaky Step", (ctx, _) =>
        {
            ProbeOf(ctx).Call(ctx);
            return Task.FromException<JsonNode?>(new StepFailedException("Flaky", $"attempt {ctx.Attempt}"));
        }, t => t.Retry(["Flaky"], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2.0).Catch(["States.ALL"], "Handled", "$.error").Next("Done"))
        .Pass("Handled", p => p.Next("Done"))
        .Succeed("Done")
        .Build();

    /// <summary>Records an effect and emits an event, then fails unless the probe is healthy: the effect must vanish with the failure.</summary>
    public static readonly WorkflowDefinition Effects = Workflow.Define("Test.Effects")
        .Task("Record", async (ctx, ct) =>
        {
            ProbeOf(ctx).Call(ctx);
            await ctx.Mediator.Send(new RecordDemoEffect(ctx.ExecutionId, ctx.State), ct);
            await ctx.PublishAsync("test.workflows", "EffectRecorded", new JsonObject { ["executionId"] = ctx.ExecutionId }, ct);
            if (!ProbeOf(ctx).Healthy) throw new InvalidOperationException("not healthy yet");
        }, t => t.End())
        .Build();

    public static readonly WorkflowDefinition Callback = Workflow.Define("Test.Callback")
        .WaitForCallback("Wait For Courier", (ctx, _) => StoreToken(ctx), s => s
            .HeartbeatSeconds(10)
            .TimeoutSeconds(60)
            .ResultPath("$.delivery")
            .Catch(["States.Timeout"], "Courier Lost", "$.error")
            .Catch(["DeliveryFailed"], "Delivery Failed", "$.error")
            .Next("Delivered"))
        .Pass("Courier Lost", p => p.End())
        .Pass("Delivery Failed", p => p.End())
        .Succeed("Delivered")
        .Build();

    /// <summary>A callback without a Catch: a timeout ends the execution FAILED with States.Timeout.</summary>
    public static readonly WorkflowDefinition Heartbeat = Workflow.Define("Test.Heartbeat")
        .WaitForCallback("Brew", (ctx, _) => StoreToken(ctx), s => s.HeartbeatSeconds(2).Next("Served"))
        .Succeed("Served")
        .Build();

    public static readonly WorkflowDefinition Slow = Workflow.Define("Test.Slow")
        .TimeoutSeconds(30)
        .Wait("Long Wait", w => w.Seconds(3600).Next("Done"))
        .Succeed("Done")
        .Build();

    /// <summary>Fails until the probe says healthy: for redrive.</summary>
    public static readonly WorkflowDefinition Redrivable = Workflow.Define("Test.Redrivable")
        .Pass("First", p => p.Next("Fragile"))
        .Task("Fragile", (ctx, _) =>
        {
            ProbeOf(ctx).Call(ctx);
            return ProbeOf(ctx).Healthy ? Result(JsonValue.Create("ok")) : throw new StepFailedException("Broken", "dependency down");
        }, t => t.ResultPath("$.fragile").End())
        .Build();

    /// <summary>Slow steps in a row: each step's commit makes the execution ready again while its worker goes on with it.</summary>
    public static readonly WorkflowDefinition Chain = Workflow.Define("Test.Chain")
        .Task("One", (ctx, _) => Slowly(ctx), t => t.Next("Two"))
        .Task("Two", (ctx, _) => Slowly(ctx), t => t.Next("Three"))
        .Task("Three", (ctx, _) => Slowly(ctx), t => t.End())
        .Build();

    private static async Task<JsonNode?> Slowly(StepContext ctx)
    {
        await ProbeOf(ctx).RunAloneAsync(ctx, TimeSpan.FromMilliseconds(100));
        return null;
    }

    /// <summary>One branch fails at once while the other waits an hour: the state is caught and the waiting branch aborted.</summary>
    public static readonly WorkflowDefinition ParallelFailing = Workflow.Define("Test.ParallelFailing")
        .Parallel("Both", p => p
            .Branch(b => b.Wait("Long", w => w.Seconds(3600).Next("Never")).Succeed("Never"))
            .Branch(b => b.Fail("Boom", "BranchBroke", "on purpose"))
            .Catch(["BranchBroke"], "Recovered", "$.error")
            .Next("Done"))
        .Pass("Recovered", p => p.End())
        .Succeed("Done")
        .Build();

    public static ShopApp WithTestWorkflows(this ShopApp app, Probe? probe = null) => app.WithServices(services =>
    {
        services.AddSingleton(probe ?? new Probe());
        foreach (var definition in new[] { Kinds, Failing, Retrying, Effects, Callback, Heartbeat, Slow, Redrivable, ParallelFailing, Chain })
            services.AddWorkflow(definition);
        foreach (var definition in EngineTestWorkflows.All) services.AddWorkflow(definition);
    });
}
