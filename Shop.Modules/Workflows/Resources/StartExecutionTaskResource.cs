using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:::states:startExecution</c>: starts a child execution in the step's unit of work. Request-response
/// answers <c>{ExecutionArn, StartDate}</c>. <c>.sync</c> / <c>.sync:2</c> run as callback states: the child's ARN and
/// the parent's task token are kept (in the item store, so they survive restarts and commit with the start), and
/// <see cref="ChildExecutionEnded"/> answers the token when the engine reports the child's end. <c>.waitForTaskToken</c>
/// just starts the child, which is expected to call SendTaskSuccess with the token it was given in its input.
/// </summary>
internal sealed class StartExecutionTaskResource : ITaskResource
{
    public const string Arn = "arn:aws:states:::states:startExecution";
    private const string Error = "StepFunctions.";

    /// <summary>Where the pending <c>.sync</c> children are kept: executionArn → parent token and pattern.</summary>
    public const string SyncTable = "shop.sync-executions";

    public bool Serves(string resource) => resource == Arn;

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var input = ResourceResponses.Object(invocation.Input, Arn);
        var workflow = ExecutionJson.WorkflowOf(ResourceResponses.String(input, "StateMachineArn", Error + "ValidationException"), Error);
        var name = ResourceResponses.OptionalString(input, "Name", Error + "ValidationException");
        var services = invocation.Step.Services;
        var engine = services.GetRequiredService<IWorkflowEngine>();
        var arns = services.GetRequiredService<AwsArns>();

        var sync = invocation.Pattern is "sync" or "sync:2";
        var token = invocation.Step.TaskToken;
        if (sync && token is null)
            throw new StepFailedException(StatesErrors.Runtime, $"'{Arn}.{invocation.Pattern}' must run as a callback state (it waits for the child execution).");

        StartedExecution started;
        try
        {
            started = await engine.StartAsync(workflow, ExecutionJson.Input(input["Input"], Error), name, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new StepFailedException(Error + "StateMachineDoesNotExistException", $"State Machine Does Not Exist: '{arns.StateMachine(workflow)}'");
        }
        catch (DomainException error) when (error.StatusCode == 409)
        {
            throw new StepFailedException(Error + "ExecutionAlreadyExistsException", error.Message);
        }
        catch (DomainException error)
        {
            throw new StepFailedException(Error + "InvalidExecutionInputException", error.Message);
        }

        var executionArn = arns.Execution(started.Workflow, started.Name);
        if (sync) await RememberAsync(invocation.Step.Mediator, executionArn, token!, invocation.Pattern, cancellationToken);
        return new JsonObject { ["ExecutionArn"] = executionArn, ["StartDate"] = ExecutionJson.Date(started.StartDate, epochMillis: true) };
    }

    private static async Task RememberAsync(IMediator mediator, string executionArn, string token, string pattern, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new CreateTable(SyncTable, new KeyAttribute("executionArn", "S")), cancellationToken);
        }
        catch (TableException error) when (error.ErrorCode == TableErrors.ResourceInUse)
        {
            // Made by an earlier .sync task.
        }
        await mediator.Send(new PutItem(SyncTable, new JsonObject
        {
            ["executionArn"] = new JsonObject { ["S"] = executionArn },
            ["taskToken"] = new JsonObject { ["S"] = token },
            ["pattern"] = new JsonObject { ["S"] = pattern },
        }), cancellationToken);
    }
}
