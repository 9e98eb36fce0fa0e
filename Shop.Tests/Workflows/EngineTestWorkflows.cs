using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel;
using Shop.Modules.Workflows;

namespace Shop.Tests.Workflows;

/// <summary>Workflows for Map, retry delays, limits and the state context (registered with the other test workflows).</summary>
internal static class EngineTestWorkflows
{
    /// <summary>What the context test's step saw, per execution and attempt.</summary>
    public static readonly ConcurrentDictionary<string, List<StateContext>> Contexts = new();

    public static readonly WorkflowDefinition Map = Workflow.Define("Test.Map")
        .Map("Each Item", m => m
            .ItemsPath("$.items")
            .MaxConcurrency(2)
            .Iterator(i => i.Task("Double", (ctx, _) => Task.FromResult<JsonNode?>(new JsonObject { ["doubled"] = (int)ctx.Input * 2 }), t => t.End()))
            .ResultPath("$.results")
            .End())
        .Build();

    public static readonly WorkflowDefinition MapTolerant = Workflow.Define("Test.MapTolerant")
        .Map("Each Item", m => m
            .ItemsPath("$.items")
            .ToleratedFailureCount(1)
            .Iterator(i => i.Task("Odd Only", (ctx, _) => (int)ctx.Input % 2 == 0
                ? throw new StepFailedException("EvenItem", $"{(int)ctx.Input} is even")
                : Task.FromResult<JsonNode?>(ctx.Input.DeepClone()), t => t.End()))
            .End())
        .Build();

    /// <summary>Fails every time: Retry with interval 10 s, backoff 2, MaxDelaySeconds 15 and FULL jitter.</summary>
    public static readonly WorkflowDefinition Jitter = Workflow.Define("Test.Jitter")
        .Task("Flaky", (ctx, _) =>
        {
            ctx.Services.GetRequiredService<Probe>().Call(ctx);
            throw new StepFailedException("Flaky", "always");
        }, t => t.Retry(["Flaky"], intervalSeconds: 10, maxAttempts: 2, backoffRate: 2, maxDelaySeconds: 15, jitter: JitterStrategy.Full).End())
        .Build();

    /// <summary>Returns a result larger than 256 KB.</summary>
    public static readonly WorkflowDefinition Huge = Workflow.Define("Test.Huge")
        .Task("Blow Up", (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["blob"] = new string('x', 300 * 1024) }), t => t.End())
        .Build();

    /// <summary>Records its StateContext, fails twice, then succeeds.</summary>
    public static readonly WorkflowDefinition Context = Workflow.Define("Test.Context")
        .Task("Look Around", (ctx, _) =>
        {
            Contexts.GetOrAdd(ctx.ExecutionId, _ => []).Add(ctx.Context);
            return ctx.Attempt < 2 ? throw new StepFailedException("NotYet", "later") : Task.FromResult<JsonNode?>(null);
        }, t => t.Retry(["NotYet"], intervalSeconds: 1, maxAttempts: 2, backoffRate: 1).End())
        .Build();

    public static readonly WorkflowDefinition[] All = [Map, MapTolerant, Jitter, Huge, Context];
}

/// <summary>A random source that always answers the same number.</summary>
internal sealed class FixedRandom(double value) : IRandomSource
{
    public double NextDouble() => value;
}
