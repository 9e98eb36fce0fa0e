using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows;

/// <summary>
/// What a step sees. It runs inside the unit of work that will also commit the execution's transition,
/// so whatever it does through <see cref="Mediator"/> or <see cref="PublishAsync"/> commits with the step, or not at all.
/// </summary>
public sealed class StepContext
{
    /// <summary>A step outside an execution (tests of task resources): a context made of the given values.</summary>
    internal StepContext(IServiceProvider services, string executionId, string executionName, string workflow, string state,
        JsonNode input, int attempt, string? taskToken)
        : this(services, new StateContext(executionId, executionName, workflow, DateTimeOffset.UtcNow, input.DeepClone(), state, DateTimeOffset.UtcNow, attempt, taskToken),
            executionId, executionName, workflow, state, input, attempt, taskToken)
    {
    }

    internal StepContext(IServiceProvider services, StateContext context, string executionId, string executionName, string workflow, string state,
        JsonNode input, int attempt, string? taskToken)
    {
        Services = services;
        Context = context;
        ExecutionId = executionId;
        ExecutionName = executionName;
        Workflow = workflow;
        State = state;
        Input = input;
        Attempt = attempt;
        TaskToken = taskToken;
    }

    public IServiceProvider Services { get; }

    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    /// <summary>What <c>$$</c> reads (the top-level execution, the state, its retry count, the task token).</summary>
    public StateContext Context { get; }

    /// <summary>This execution's id (a Parallel branch's or Map iteration's own; <see cref="Context"/> has the top-level one's).</summary>
    public string ExecutionId { get; }

    public string ExecutionName { get; }

    public string Workflow { get; }

    public string State { get; }

    /// <summary>The state's effective input, after InputPath and Parameters (a copy: changing it changes nothing).</summary>
    public JsonNode Input { get; }

    /// <summary>0 on the first try, 1 on the first retry, ...</summary>
    public int Attempt { get; }

    /// <summary>Set in a wait-for-callback state: hand it to whoever will call SendTaskSuccess/Failure/Heartbeat.</summary>
    public string? TaskToken { get; }

    public T InputAs<T>() => Input.Deserialize<T>(WorkflowJson.Options)
        ?? throw new StepFailedException(StatesErrors.Runtime, $"The input of '{State}' is not a {typeof(T).Name}.");

    /// <summary>
    /// Sends a request to a module through the mediator; a module's named error (<see cref="DomainException.ErrorCode"/>,
    /// e.g. ItemNotAvailable) becomes the step's error name, which Retry and Catch match.
    /// </summary>
    public async ValueTask<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Mediator.Send(request, cancellationToken);
        }
        catch (DomainException ex) when (ex.ErrorCode is { } code)
        {
            throw new StepFailedException(code, ex.Message);
        }
    }

    /// <summary>Emits an event on the shop's bus, committed with this step (IEventPublisher in the same unit of work).</summary>
    public Task<EventEnvelope> PublishAsync(string source, string detailType, JsonObject detail, CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<IEventPublisher>().PublishAsync(source, detailType, detail, cancellationToken: cancellationToken);
}

/// <summary>Thrown by a step to fail with a named error (what Retry and Catch match), e.g. "ItemNotAvailable".</summary>
public sealed class StepFailedException(string error, string? cause = null) : Exception(cause ?? error)
{
    public string Error { get; } = error;

    public string? Cause { get; } = cause;

    /// <summary>A States.Timeout raised by a missed heartbeat, which a rule naming States.HeartbeatTimeout also matches.</summary>
    internal bool MissedHeartbeat { get; init; }
}

/// <summary>The JSON conventions of state data (camelCase, like the rest of the API).</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A step's result from any object.</summary>
    public static JsonNode? From<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
}
