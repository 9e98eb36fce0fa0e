using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

/// <summary>
/// A local integration an ASL Task state's <c>Resource</c> calls (the bus, child executions, local functions, ...).
/// Registered in DI; the ASL compiler asks each one whether it <see cref="Serves"/> a Task's resource, and refuses
/// a definition naming a resource nobody serves. It runs inside the step's unit of work.
/// </summary>
public interface ITaskResource
{
    /// <summary>True when this resource answers <paramref name="resource"/> (the ARN without its <c>.sync</c>/<c>.waitForTaskToken</c> suffix).</summary>
    bool Serves(string resource);

    /// <summary>
    /// Does the work and returns the Task's raw result (before ResultSelector). Throw <see cref="StepFailedException"/>
    /// to fail with a named error. For <c>waitForTaskToken</c> the token is in <c>invocation.Step.Context.TaskToken</c>
    /// and the returned value is ignored: the state waits for SendTaskSuccess/Failure.
    /// </summary>
    Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <param name="Resource">The ARN without the integration-pattern suffix.</param>
/// <param name="Pattern">"" (request-response), "sync", "sync:2" or "waitForTaskToken".</param>
/// <param name="Input">The effective input: after InputPath and Parameters.</param>
/// <param name="Step">The running step (services, execution, state, task token).</param>
public sealed record TaskInvocation(string Resource, string Pattern, JsonNode Input, StepContext Step);
