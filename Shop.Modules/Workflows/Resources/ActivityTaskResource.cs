using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows.Activities;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:{region}:{account}:activity:{name}</c>: the Task state waits for a worker (the compiler makes it a
/// callback state with Activity* history events). Scheduling writes the task with its token in the step's unit of
/// work, so it waits for GetActivityTask across restarts; its pollers are woken once that commits.
/// </summary>
internal sealed class ActivityTaskResource(ActivityCatalog catalog) : ITaskResource
{
    /// <summary>An activity that exists (or existed: stored machines naming a deleted one must still compile at start).</summary>
    public bool Serves(string resource) => Name(resource) is { } name && catalog.IsKnown(name);

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var name = Name(invocation.Resource)!;
        if (!catalog.IsLive(name))
            throw new StepFailedException(StatesErrors.Runtime, $"Activity '{invocation.Resource}' does not exist (deleted).");
        var token = invocation.Step.TaskToken ?? throw new InvalidOperationException("An activity state runs as a callback state with a task token.");
        var services = invocation.Step.Services;
        services.GetRequiredService<WorkflowsDbContext>().ActivityTasks.Add(new ActivityTaskRow
        {
            TokenHash = TaskTokens.Hash(token),
            Activity = name,
            Token = token,
            ExecutionId = invocation.Step.ExecutionId,
            State = invocation.Step.State,
            Input = invocation.Input.ToJsonString(),
            ScheduledAt = WorkflowsDbContext.FormatTime(services.GetRequiredService<TimeProvider>().GetUtcNow()),
        });
        services.GetRequiredService<UnitOfWork>().AfterCommit(() => { catalog.Wake(name); return ValueTask.CompletedTask; });
        return Task.FromResult<JsonNode?>(null);
    }

    private static string? Name(string resource) =>
        AwsArns.Parts(resource, "states", "activity") is [{ Length: > 0 } name] ? name : null;
}
