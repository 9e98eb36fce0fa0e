using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// The engine's "Step Functions Execution Status Change" event of a child started by a <c>.sync</c> task answers
/// the parent's token: SUCCEEDED → SendTaskSuccess with the child's description (Output as text for <c>.sync</c>,
/// as JSON for <c>.sync:2</c>); otherwise SendTaskFailure States.TaskFailed with the description as cause. Once per
/// event (<see cref="HandleOnce"/>), in the same unit of work as the parent's callback.
/// </summary>
internal sealed class ChildExecutionEnded(HandleOnce once, IMediator mediator, IWorkflowEngine engine, AwsArns arns)
    : IEventHandler
{
    public const string Source = "aws.states";
    public const string DetailType = "Step Functions Execution Status Change";

    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        if (!@event.Is(Source, DetailType)) return;
        // Anyone may put an event with this source and detail-type: one whose members are not strings is not the engine's.
        if (@event.Detail.Text("executionArn") is not { } executionArn) return;
        if (@event.Detail.Text("status") is not { } status || status == ExecutionStatus.Running) return;
        // Every execution's end comes here, and almost none is a .sync child: look before writing anything. The
        // parent stored the child's row in the unit of work that started the child, so it is committed before the
        // child can end; no row now means none will come, and nothing is done (no handled mark, no unit of work).
        if (!await IsPendingAsync(executionArn, cancellationToken)) return;

        await once.RunAsync(@event, nameof(ChildExecutionEnded), async ct =>
        {
            var key = Key(executionArn);
            JsonObject? pending;
            try
            {
                pending = (await mediator.Send(new DeleteItem(StartExecutionTaskResource.SyncTable, key, ReturnValues: ReturnValues.AllOld), ct)).Item;
            }
            catch (TableException error) when (error.ErrorCode == TableErrors.ResourceNotFound)
            {
                return; // No .sync task ever ran.
            }
            if (pending is null) return;
            var token = pending["taskToken"]!["S"]!.GetValue<string>();
            var jsonOutput = pending["pattern"]?["S"]?.GetValue<string>() == "sync:2";

            var execution = await ExecutionJson.FindAsync(engine, executionArn, "StepFunctions.", ct);
            var description = ExecutionJson.Describe(execution, arns, jsonOutput, epochMillis: true);
            try
            {
                if (execution.Status == ExecutionStatus.Succeeded) await engine.SendTaskSuccessAsync(token, description, ct);
                else await engine.SendTaskFailureAsync(token, StatesErrors.TaskFailed, description.ToJsonString(), ct);
            }
            catch (DomainException)
            {
                // The parent no longer waits (stopped, timed out, or already answered): nothing to tell it.
            }
        }, cancellationToken);
    }

    private async Task<bool> IsPendingAsync(string executionArn, CancellationToken cancellationToken)
    {
        // No .sync task ever ran: the cheap answer, without the item read (and its ResourceNotFound).
        if (!await mediator.Send(new TableExists(StartExecutionTaskResource.SyncTable), cancellationToken)) return false;
        try
        {
            return (await mediator.Send(new GetItem(StartExecutionTaskResource.SyncTable, Key(executionArn)), cancellationToken)).Item is not null;
        }
        catch (TableException error) when (error.ErrorCode == TableErrors.ResourceNotFound)
        {
            return false; // No .sync task ever ran.
        }
    }

    private static JsonObject Key(string executionArn) => new() { ["executionArn"] = new JsonObject { ["S"] = executionArn } };
}
