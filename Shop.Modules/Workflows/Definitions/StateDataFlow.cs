using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

/// <summary>
/// What <c>$$</c> reads, built by the engine for each run of a state. In a Parallel branch or a Map iteration
/// the Execution part is the top-level execution's, as in Step Functions.
/// </summary>
/// <param name="ExecutionId">The engine's id of the (top-level) execution.</param>
/// <param name="Workflow">The (top-level) state machine's name.</param>
/// <param name="TaskToken">Set in a wait-for-callback state, before its Parameters are applied.</param>
/// <param name="MapItemIndex">Set only for a Map's ItemSelector.</param>
public sealed record StateContext(
    string ExecutionId,
    string ExecutionName,
    string Workflow,
    DateTimeOffset StartTime,
    JsonNode ExecutionInput,
    string StateName,
    DateTimeOffset EnteredTime,
    int RetryCount,
    string? TaskToken = null,
    int? MapItemIndex = null,
    JsonNode? MapItemValue = null);

/// <summary>
/// Step Functions' data flow of one state, as functions (the ASL compiler builds them from paths, templates and
/// intrinsics). The engine applies them in Step Functions' order: InputPath, Parameters (Map: ItemsPath, then
/// ItemSelector per item), the work, ResultSelector, ResultPath, OutputPath. Choice, Wait, Succeed and Fail use
/// InputPath and OutputPath only. A function may throw <see cref="StepFailedException"/> (e.g. States.Runtime):
/// the state fails with it. A JsonNode argument is null (despite its type) where the JSON value is null.
/// </summary>
public sealed class StateDataFlow
{
    /// <summary>Raw state input → effective input.</summary>
    public Func<JsonNode, StateContext, JsonNode>? InputPath { get; init; }

    /// <summary>Applied after InputPath (Task, Callback, Pass, Parallel; on a Map without ItemSelector it acts as one).</summary>
    public Func<JsonNode, StateContext, JsonNode>? Parameters { get; init; }

    /// <summary>Map only: effective input → the JSON array of items.</summary>
    public Func<JsonNode, StateContext, JsonNode>? ItemsPath { get; init; }

    /// <summary>Map only, per item: the effective input and a context with MapItemIndex/MapItemValue → the iteration's input.</summary>
    public Func<JsonNode, StateContext, JsonNode>? ItemSelector { get; init; }

    /// <summary>Task, Parallel, Map: raw result → result.</summary>
    public Func<JsonNode, StateContext, JsonNode>? ResultSelector { get; init; }

    /// <summary>(raw state input, result) → output before OutputPath; replaces the string <see cref="StateDefinition.ResultPath"/> when set.</summary>
    public Func<JsonNode, JsonNode?, JsonNode>? ResultPath { get; init; }

    /// <summary>Last: → the state's output.</summary>
    public Func<JsonNode, StateContext, JsonNode>? OutputPath { get; init; }
}
