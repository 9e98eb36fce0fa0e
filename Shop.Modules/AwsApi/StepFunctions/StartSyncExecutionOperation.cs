using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// StartSyncExecution: runs an EXPRESS machine's execution on the engine and answers when it ends, HTTP 200 whatever
/// its status (SUCCEEDED, FAILED, TIMED_OUT), as AWS. The AWS CLI sends it to <c>sync-{host}</c> (the model's host
/// prefix); the host filter accepts that prefix of an allowed host (README: what a user sets so the name resolves).
/// </summary>
internal static class StartSyncExecutionOperation
{
    /// <summary>AWS ends an express execution after 5 minutes (setting <c>Workflows:ExpressTimeoutSeconds</c>).</summary>
    public const int DefaultTimeoutSeconds = 300;

    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("stateMachineArn", 256);
        var definition = call.StateMachine(arn);
        if (await StateMachineShared.TypeAsync(request, definition.Name, ct) != "EXPRESS")
            throw new AwsException("StateMachineTypeNotSupported", $"This operation is not supported by this type of state machine: '{arn}' is STANDARD (StartSyncExecution runs EXPRESS machines).");
        var name = call.String("name");
        if (name is not null) ExecutionShared.ValidateName(name);
        var input = ExecutionShared.ParseInput(call.String("input"));
        call.String("traceHeader", 256);

        var started = await ExecutionShared.StartAsync(call, arn, definition.Name, input, name ?? Guid.NewGuid().ToString(), ct);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, request.Services.GetRequiredService<IConfiguration>().GetValue("Workflows:ExpressTimeoutSeconds", DefaultTimeoutSeconds)));
        var (ended, timedOut) = await WaitForEndAsync(request.Services, started.ExecutionId, started.StartDate + timeout, call.Clock, ct);
        if (!started.Created && !JsonNode.DeepEquals(ended.Input, input))
            throw SfnErrors.ExecutionAlreadyExists(call.ExecutionArn(started.Workflow, started.Name));
        return Answer(call, ended, timedOut);
    }

    /// <summary>
    /// Polls the execution (each look in a scope of its own, so the wait holds no connection) until it is no longer
    /// RUNNING; past the timeout it is stopped and reported TIMED_OUT with States.Timeout.
    /// </summary>
    private static async Task<(ExecutionDescription Execution, bool TimedOut)> WaitForEndAsync(IServiceProvider services, string id, DateTimeOffset until,
        TimeProvider clock, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
                var execution = await engine.DescribeAsync(id, ct);
                if (execution.Status != ExecutionStatus.Running) return (execution, false);
                if (clock.GetUtcNow() >= until)
                {
                    try
                    {
                        await engine.StopAsync(id, StatesErrors.Timeout, "The express execution ran past its time limit.", ct);
                    }
                    catch (ConflictException)
                    {
                        // It ended meanwhile: answer what it did.
                    }
                    var stopped = await engine.DescribeAsync(id, ct);
                    return (stopped, stopped.Status == ExecutionStatus.Aborted);
                }
            }
            await Task.Delay(delay, clock, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 1.5));
        }
    }

    private static JsonObject Answer(SfnCall call, ExecutionDescription e, bool timedOut)
    {
        var status = timedOut ? ExecutionStatus.TimedOut : e.Status switch
        {
            ExecutionStatus.Succeeded or ExecutionStatus.TimedOut => e.Status,
            _ => ExecutionStatus.Failed, // FAILED, or ABORTED by a StopExecution meanwhile
        };
        var stop = e.StopDate ?? call.Clock.GetUtcNow();
        var result = new JsonObject
        {
            ["executionArn"] = ExpressArn(call, e),
            ["stateMachineArn"] = call.Arns.StateMachine(e.Workflow),
            ["name"] = e.Name,
            ["startDate"] = SfnCall.Time(e.StartDate),
            ["stopDate"] = SfnCall.Time(stop),
            ["status"] = status,
        };
        if (status != ExecutionStatus.Succeeded)
        {
            result["error"] = timedOut ? StatesErrors.Timeout : e.Error;
            if (e.Cause is not null) result["cause"] = e.Cause;
        }
        result["input"] = SfnCall.Text(e.Input) ?? "{}";
        result["inputDetails"] = new JsonObject { ["included"] = true };
        if (status == ExecutionStatus.Succeeded)
        {
            result["output"] = SfnCall.Text(e.Output) ?? "null";
            result["outputDetails"] = new JsonObject { ["included"] = true };
        }
        // AWS bills express runs by 100 ms and 64 MB steps; the shop reports the run's own duration.
        result["billingDetails"] = new JsonObject
        {
            ["billedMemoryUsedInMB"] = 64,
            ["billedDurationInMilliseconds"] = (long)Math.Max(100, Math.Ceiling((stop - e.StartDate).TotalMilliseconds / 100) * 100),
        };
        return result;
    }

    /// <summary>AWS's form for express executions: <c>arn:aws:states:{region}:{account}:express:{machine}:{name}:{id}</c>.</summary>
    public static string ExpressArn(SfnCall call, ExecutionDescription e) =>
        call.Arns.StateMachine(e.Workflow).Replace(":stateMachine:", ":express:", StringComparison.Ordinal) + $":{e.Name}:{e.ExecutionId}";
}
