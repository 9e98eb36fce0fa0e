using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>The public face of the engine: validates what comes from outside, reads, and hands changes to the runner.</summary>
internal sealed class WorkflowEngine(IServiceProvider services, WorkflowDefinitions registry, ExecutionRunner runner, Callbacks callbacks) : IWorkflowEngine
{
    // Resolved by the reads that use it: starting an execution (the engine's store, plain SQL) builds no DbContext.
    private WorkflowsDbContext Db => services.GetRequiredService<WorkflowsDbContext>();

    public const int PageSize = 50;

    public IReadOnlyList<WorkflowDefinition> Definitions => registry.All;

    public Task<StartedExecution> StartAsync(string workflow, JsonNode? input = null, string? name = null, CancellationToken cancellationToken = default)
    {
        if (!registry.TryGet(workflow, out var definition)) throw new NotFoundException("Workflow", workflow);
        var executionName = name ?? Guid.NewGuid().ToString();
        if (!ExecutionNames.IsValid(executionName))
            throw new InvalidInputException("name", $"'name' must be 1-{ExecutionNames.MaxLength} characters without whitespace, control characters or any of < > {{ }} [ ] ? * \" # % \\ ^ | ~ ` $ & , ; /.");
        if (input is not null and not JsonObject and not JsonArray)
            throw new InvalidInputException("input", "'input' must be a JSON object (or a string holding one).");
        if (input is not null && WorkflowLimits.TooLarge(input.ToJsonString()))
            throw new InvalidInputException("input",
                $"'input' is larger than {WorkflowLimits.MaxPayloadBytes} bytes (256 KB), the limit of a payload ({StatesErrors.DataLimitExceeded}).");
        return runner.StartAsync(definition, executionName, input ?? new JsonObject(), cancellationToken);
    }

    public async Task<ExecutionDescription> DescribeAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var e = await FindAsync(executionId, cancellationToken);
        return new ExecutionDescription(e.Id, e.Name, e.Workflow, e.Status, e.CurrentState, JsonPath.Parse(e.Input),
            e.Output is null ? null : JsonNode.Parse(e.Output), e.Error, e.Cause, WorkflowsDbContext.ParseTime(e.StartedAt),
            e.StoppedAt is null ? null : WorkflowsDbContext.ParseTime(e.StoppedAt), e.ParentId, e.Revision, e.RedriveCount,
            e.RedrivenAt is null ? null : WorkflowsDbContext.ParseTime(e.RedrivenAt), Kernel.Telemetry.ShopTelemetry.TraceIdOf(e.TraceParent));
    }

    public Task<ExecutionPage> ListAsync(string? workflow = null, string? status = null, int page = 1, CancellationToken cancellationToken = default)
    {
        if (page < 1) throw new InvalidInputException("page", "'page' must be 1 or more.");
        if (status is not null && !ExecutionStatus.All.Contains(status))
            throw new InvalidInputException("status", $"'status' must be one of {string.Join(", ", ExecutionStatus.All)}.");
        cancellationToken.ThrowIfCancellationRequested();
        // Plain SQL (ExecutionSql.Page): this list is read many times a second by the console and the bench.
        var rows = services.GetRequiredService<ExecutionSql>().Page(workflow, status, (long)(page - 1) * PageSize, PageSize + 1);
        var items = rows.Take(PageSize).ToArray();
        return Task.FromResult(new ExecutionPage(items, page, PageSize, rows.Count > PageSize));
    }

    public async Task<ExecutionDescription?> FindByNameAsync(string workflow, string name, CancellationToken cancellationToken = default)
    {
        var id = await Db.Executions.AsNoTracking().Where(e => e.Workflow == workflow && e.Name == name).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await DescribeAsync(id, cancellationToken);
    }

    public async Task<ExecutionSlice> ListAfterAsync(string? workflow, string? status, int pageSize, ExecutionCursor? after, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 1000) throw new InvalidInputException("pageSize", "'pageSize' must be 1-1000.");
        if (status is not null && !ExecutionStatus.All.Contains(status))
            throw new InvalidInputException("status", $"'status' must be one of {string.Join(", ", ExecutionStatus.All)}.");
        var query = Db.Executions.AsNoTracking();
        if (!string.IsNullOrEmpty(workflow)) query = query.Where(e => e.Workflow == workflow);
        if (status is not null) query = query.Where(e => e.Status == status);
        if (after is not null)
        {
            // Times are stored as fixed-width ISO text, so text order is time order.
            var time = WorkflowsDbContext.FormatTime(after.StartDate);
            var id = after.ExecutionId;
            query = query.Where(e => string.Compare(e.StartedAt, time) < 0 || (e.StartedAt == time && string.Compare(e.Id, id) < 0));
        }
        var rows = await query.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).Take(pageSize + 1)
            .Select(e => new { e.Id, e.Name, e.Workflow, e.Status, e.CurrentState, e.StartedAt, e.StoppedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(pageSize).Select(e => new ExecutionSummary(e.Id, e.Name, e.Workflow, e.Status, e.CurrentState,
            WorkflowsDbContext.ParseTime(e.StartedAt), e.StoppedAt is null ? null : WorkflowsDbContext.ParseTime(e.StoppedAt))).ToArray();
        var next = rows.Count > pageSize ? new ExecutionCursor(items[^1].StartDate, items[^1].ExecutionId) : null;
        return new ExecutionSlice(items, next);
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionId, CancellationToken cancellationToken = default)
    {
        await FindAsync(executionId, cancellationToken);
        var rows = await Db.History.AsNoTracking().Where(h => h.ExecutionId == executionId).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        return rows.Select(h => new HistoryEvent(h.Sequence, h.Type, WorkflowsDbContext.ParseTime(h.Time), h.State,
            h.Details is null ? null : JsonNode.Parse(h.Details))).ToArray();
    }

    public async Task<string> GetGraphAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var execution = await FindAsync(executionId, cancellationToken);
        var visited = await Db.History.AsNoTracking()
            .Where(h => h.ExecutionId == executionId && h.Type.EndsWith("StateEntered") && h.State != null)
            .Select(h => h.State!)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (!registry.TryGet(execution.Workflow, execution.Revision, out var definition))
            throw new NotFoundException("Workflow", $"{execution.Workflow} (revision {execution.Revision})");
        return WorkflowGraph.Render(definition, execution, visited, await GetChildrenAsync(executionId, cancellationToken));
    }

    public async Task<IReadOnlyList<ChildExecution>> GetChildrenAsync(string executionId, CancellationToken cancellationToken = default)
    {
        await FindAsync(executionId, cancellationToken);
        var rows = await Db.Executions.AsNoTracking()
            .Where(e => e.ParentId == executionId)
            .OrderBy(e => e.StartedAt).ThenBy(e => e.BranchIndex)
            .Take(ChildExecution.MaxListed)
            .Select(e => new { e.Id, e.ParentRound, e.BranchIndex, e.Status, e.CurrentState, e.Error, e.StartedAt, e.StoppedAt })
            .ToListAsync(cancellationToken);
        // A round is "{state}@{version}" (see Transitions.Round): the state is what comes before the last '@'.
        return rows.Select(e => new ChildExecution(e.Id, e.ParentRound is { } round && round.LastIndexOf('@') is var at and > 0 ? round[..at] : "",
            e.BranchIndex ?? 0, e.Status, e.CurrentState, e.Error, WorkflowsDbContext.ParseTime(e.StartedAt),
            e.StoppedAt is null ? null : WorkflowsDbContext.ParseTime(e.StoppedAt))).ToArray();
    }

    public Task<int> CountRunningAsync(string workflow, CancellationToken cancellationToken = default) =>
        Db.Executions.CountAsync(e => e.Workflow == workflow && e.Status == ExecutionStatus.Running, cancellationToken);

    public Task StopAsync(string executionId, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        runner.StopAsync(executionId, error, cause, cancellationToken);

    public Task RedriveAsync(string executionId, CancellationToken cancellationToken = default) =>
        runner.RedriveAsync(executionId, cancellationToken);

    public Task SendTaskSuccessAsync(string taskToken, JsonNode? output, CancellationToken cancellationToken = default) =>
        callbacks.SendTaskSuccessAsync(TaskTokens.Hash(RequireToken(taskToken)), output, cancellationToken);

    public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default)
    {
        ValidateFailure(error, cause);
        return callbacks.SendTaskFailureAsync(TaskTokens.Hash(RequireToken(taskToken)), error, cause, cancellationToken);
    }

    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        callbacks.SendTaskHeartbeatAsync(TaskTokens.Hash(RequireToken(taskToken)), cancellationToken);

    public async Task<IReadOnlyList<ExecutionCount>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        var rows = await Db.Executions.AsNoTracking()
            .Where(e => e.ParentId == null)
            .GroupBy(e => new { e.Workflow, e.Status })
            .Select(g => new { g.Key.Workflow, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Workflow, StringComparer.Ordinal).ThenBy(r => r.Status, StringComparer.Ordinal)
            .Select(r => new ExecutionCount(r.Workflow, r.Status, r.Count)).ToArray();
    }

    public async Task<WaitingCallback?> GetWaitingCallbackAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var execution = await FindAsync(executionId, cancellationToken);
        var token = await callbacks.FindOpenTokenAsync(execution, cancellationToken);
        return token is null ? null : new WaitingCallback(execution.Id, token.State, WorkflowsDbContext.ParseTime(token.CreatedAt));
    }

    public async Task SendTaskSuccessForExecutionAsync(string executionId, JsonNode? output, CancellationToken cancellationToken = default) =>
        await callbacks.SendTaskSuccessAsync(await OpenTokenHashAsync(executionId, cancellationToken), output, cancellationToken);

    public async Task SendTaskFailureForExecutionAsync(string executionId, string? error, string? cause, CancellationToken cancellationToken = default)
    {
        ValidateFailure(error, cause);
        await callbacks.SendTaskFailureAsync(await OpenTokenHashAsync(executionId, cancellationToken), error, cause, cancellationToken);
    }

    public async Task SendTaskHeartbeatForExecutionAsync(string executionId, CancellationToken cancellationToken = default) =>
        await callbacks.SendTaskHeartbeatAsync(await OpenTokenHashAsync(executionId, cancellationToken), cancellationToken);

    /// <summary>Read outside the callback's unit of work; the callback checks the token again, so a race ends in TaskDoesNotExist.</summary>
    private async Task<string> OpenTokenHashAsync(string executionId, CancellationToken cancellationToken)
    {
        var execution = await FindAsync(executionId, cancellationToken);
        var token = await callbacks.FindOpenTokenAsync(execution, cancellationToken);
        return token?.Hash ?? throw new ConflictException("Execution not waiting for a callback",
            $"Execution '{executionId}' is {execution.Status} in '{execution.CurrentState}' and waits for no callback.");
    }

    private static void ValidateFailure(string? error, string? cause)
    {
        if (error?.Length > 256) throw new InvalidInputException("error", "'error' must be at most 256 characters.");
        if (cause?.Length > 32768) throw new InvalidInputException("cause", "'cause' must be at most 32768 characters.");
    }

    private static string RequireToken(string? token) =>
        string.IsNullOrWhiteSpace(token) ? throw new InvalidInputException("taskToken", "'taskToken' is required.")
        : token.Length > 1024 ? throw new InvalidInputException("taskToken", "'taskToken' must be at most 1024 characters.")
        : token;

    /// <summary>By key with the engine's own SQL (no EF query): every describe and every callback by execution id reads it.</summary>
    private Task<ExecutionRow> FindAsync(string executionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(services.GetRequiredService<ExecutionSql>().Execution(executionId) ?? throw new NotFoundException("Execution", executionId));
    }
}
