using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;
using Shop.Modules.Choreography.Simulations.Start;

namespace Shop.Modules.Choreography.Simulations;

/// <summary>
/// Seed 001's <c>WorkflowSimulationStateMachine</c> as a workflow: its input is the seed's
/// <c>{"events": [{source, detailType, detail, wait}]}</c>; it publishes each event (PutEvents), then waits that
/// event's <c>wait</c> seconds (× Workflows:TimeScale), until none is left. <c>POST /choreography/simulations</c>
/// and Step Functions' StartExecution (state machine <c>WorkflowSimulation</c>) start the same thing, and the
/// execution's history shows every PutEvents and Wait. Each publication commits with its step: exactly once.
/// </summary>
internal static class SimulationWorkflow
{
    public const string Name = "WorkflowSimulation";
    public const string PutEvents = "PutEvents";
    public const string InvalidSimulation = "InvalidSimulation";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(Name)
        .Comment("Seed 001's simulation: publish each of the input's events, then wait its wait.")
        .Task("Read Events", ReadEvents, t => t.Next("Next Event?"))
        .Choice("Next Event?", c => c
            .When("an event is left", s => (int)s["index"]! < s["events"]!.AsArray().Count, PutEvents)
            .Otherwise("Published"))
        .Task(PutEvents, PublishAsync, t => t.Next("Wait"))
        .Wait("Wait", w => w.SecondsPath("$.wait").Next("Next Event?"))
        .Succeed("Published")
        .Build();

    /// <summary>The events checked as <c>POST /choreography/simulations</c> checks them (a start from the AWS API was not), waits as numbers.</summary>
    private static Task<JsonNode?> ReadEvents(StepContext ctx, CancellationToken ct)
    {
        try
        {
            var events = StartSimulationHandler.ReadEvents(ctx.Input["events"]);
            return Task.FromResult<JsonNode?>(new JsonObject { ["events"] = events, ["index"] = 0 });
        }
        catch (InvalidInputException e)
        {
            throw new StepFailedException(InvalidSimulation, e.Message);
        }
    }

    /// <summary>Publishes <c>events[index]</c>; the next state waits its <c>wait</c>.</summary>
    private static async Task<JsonNode?> PublishAsync(StepContext ctx, CancellationToken ct)
    {
        var state = ctx.Input.AsObject();
        var index = (int)state["index"]!;
        var entry = state["events"]![index]!;
        var published = await ctx.PublishAsync((string)entry["source"]!, (string)entry["detailType"]!, entry["detail"]!.DeepClone().AsObject(), ct);
        state["index"] = index + 1;
        state["wait"] = entry["wait"]!.DeepClone();
        state["eventId"] = published.Id;
        return state;
    }
}
