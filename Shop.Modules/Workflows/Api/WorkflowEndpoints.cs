using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows;

public sealed record StartExecutionRequest(string? Name, JsonNode? Input);

public sealed record TaskSuccessRequest(string? TaskToken, JsonNode? Output);

public sealed record TaskFailureRequest(string? TaskToken, string? Error, string? Cause);

public sealed record TaskHeartbeatRequest(string? TaskToken);

public sealed record StopExecutionRequest(string? Error, string? Cause);

public sealed record WorkflowInfo(string Name, string StartAt, string? Comment, int? TimeoutSeconds, IReadOnlyList<StateInfo> States);

public sealed record StateInfo(string Name, string Type, string? Next, bool End, IReadOnlyDictionary<string, string> Transitions,
    int? HeartbeatSeconds, int? TimeoutSeconds, IReadOnlyList<WorkflowInfo>? Branches);

/// <summary>The Step Functions-like HTTP API of the engine.</summary>
internal static class WorkflowEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // The engine's refusals (DomainException → ProblemDetails): bad input, no such workflow, execution or token,
        // and a state that forbids the call (stop or redrive of an execution that cannot).
        var group = endpoints.MapGroup("/workflows").WithTags("Workflows")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", (IWorkflowEngine engine) => TypedResults.Ok(engine.Definitions.Select(Describe).ToArray()));
        group.MapPost("/{workflow}/executions", StartAsync);
        group.MapGet("/executions", async (IWorkflowEngine engine, string? workflow, string? status, int? page, CancellationToken ct) =>
            TypedResults.Ok(await engine.ListAsync(workflow, status, page ?? 1, ct)));
        group.MapGet("/executions/{id}", async (IWorkflowEngine engine, string id, CancellationToken ct) =>
            TypedResults.Ok(await engine.DescribeAsync(id, ct)));
        group.MapGet("/executions/{id}/history", HistoryPageAsync);
        group.MapGet("/executions/{id}/graph", async (IWorkflowEngine engine, string id, CancellationToken ct) =>
            TypedResults.Text(await engine.GetGraphAsync(id, ct), "text/plain"));
        group.MapPost("/executions/{id}/stop", async (IWorkflowEngine engine, string id, StopExecutionRequest? request, CancellationToken ct) =>
        {
            await engine.StopAsync(id, request?.Error, request?.Cause, ct);
            return TypedResults.Ok(await engine.DescribeAsync(id, ct));
        });
        group.MapPost("/executions/{id}/redrive", async (IWorkflowEngine engine, string id, CancellationToken ct) =>
        {
            await engine.RedriveAsync(id, ct);
            return TypedResults.Ok(await engine.DescribeAsync(id, ct));
        });
        group.MapPost("/tasks/success", async (IWorkflowEngine engine, TaskSuccessRequest request, CancellationToken ct) =>
        {
            await engine.SendTaskSuccessAsync(request.TaskToken!, ParseJsonText(request.Output, "output"), ct);
            return TypedResults.Ok(new { });
        });
        group.MapPost("/tasks/failure", async (IWorkflowEngine engine, TaskFailureRequest request, CancellationToken ct) =>
        {
            await engine.SendTaskFailureAsync(request.TaskToken!, request.Error, request.Cause, ct);
            return TypedResults.Ok(new { });
        });
        group.MapPost("/tasks/heartbeat", async (IWorkflowEngine engine, TaskHeartbeatRequest request, CancellationToken ct) =>
        {
            await engine.SendTaskHeartbeatAsync(request.TaskToken!, ct);
            return TypedResults.Ok(new { });
        });
    }

    private static async Task<Accepted<StartedExecution>> StartAsync(IWorkflowEngine engine, string workflow, StartExecutionRequest? request,
        [Microsoft.AspNetCore.Mvc.FromServices] IEnumerable<WorkflowInputValidator> validators, CancellationToken ct)
    {
        var input = ParseJsonText(request?.Input, "input");
        foreach (var validator in validators.Where(v => v.Workflow == workflow)) validator.Validate(input);
        var started = await engine.StartAsync(workflow, input, request?.Name, ct);
        return TypedResults.Accepted($"/workflows/executions/{started.ExecutionId}", started);
    }

    public const int MaxHistoryPage = 1000;

    /// <summary>
    /// A page of at most <c>limit</c> (1-1000, default 1000) events after the event id <c>after</c>; <c>next</c> is the
    /// <c>after</c> of the next page, null on the last one. A history can grow without bound (a loop), an answer cannot.
    /// </summary>
    private static async Task<Ok<HistoryPage>> HistoryPageAsync(IWorkflowEngine engine, string id, long? after, int? limit, CancellationToken ct)
    {
        if (after < 0) throw new InvalidInputException("after", "'after' must be an event id (0 or more).");
        if (limit is < 1 or > MaxHistoryPage) throw new InvalidInputException("limit", $"'limit' must be from 1 to {MaxHistoryPage}.");
        var size = limit ?? MaxHistoryPage;
        var rest = (await engine.GetHistoryAsync(id, ct)).Where(e => e.Id > (after ?? 0)).ToList();
        var page = rest.Take(size).ToArray();
        return TypedResults.Ok(new HistoryPage(page, rest.Count > size ? page[^1].Id : null));
    }

    /// <summary>Step Functions passes JSON as a string ("{\"a\":1}"); an object is taken as is.</summary>
    private static JsonNode? ParseJsonText(JsonNode? value, string field)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var json)) return value;
        return JsonBody.Parse(json, field);
    }

    private static WorkflowInfo Describe(WorkflowDefinition definition) =>
        new(definition.Name, definition.StartAt, definition.Comment, definition.TimeoutSeconds, definition.States.Select(s => new StateInfo(
            s.Name, s.Kind == StateKind.Callback ? "Task (wait for callback)" : s.Kind.ToString(), s.Next, s.End,
            s.Transitions().ToDictionary(t => t.Trigger, t => t.Target), s.HeartbeatSeconds, s.TimeoutSeconds,
            s.Branches.Count == 0 ? null : s.Branches.Select(Describe).ToArray())).ToArray());
}

/// <summary>A page of an execution's history; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, long? Next);
