using System.Text.Json.Nodes;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.ListExecutions</c>.</summary>
internal static class ListExecutionsOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        if (call.String("mapRunArn") is not null)
            throw AwsException.Validation("mapRunArn is not supported: the shop has no Distributed Map runs.");
        var arn = call.String("stateMachineArn", 256) ?? throw AwsException.Validation("Must provide a StateMachine ARN or MapRun ARN");
        var definition = call.StateMachine(arn);
        var status = call.String("statusFilter");
        if (status is not null && !ExecutionStatus.All.Contains(status))
            throw SfnErrors.Validation("statusFilter", $"Member must satisfy enum value set: [{string.Join(", ", ExecutionStatus.All)}]");
        var size = call.PageSize();
        var after = call.String("nextToken", 3096) is { } token ? ExecutionShared.Cursor(token, definition.Name, status) : null;
        var slice = await call.Engine.ListAfterAsync(definition.Name, status, size, after, ct);
        var items = slice.Executions.Select(e =>
        {
            var item = new JsonObject
            {
                ["executionArn"] = call.ExecutionArn(e.Workflow, e.Name),
                ["stateMachineArn"] = call.Arns.StateMachine(e.Workflow),
                ["name"] = e.Name,
                ["status"] = e.Status,
                ["startDate"] = SfnCall.Time(e.StartDate),
            };
            if (e.StopDate is { } stop) item["stopDate"] = SfnCall.Time(stop);
            return (JsonNode)item;
        }).ToArray();
        var result = new JsonObject { ["executions"] = new JsonArray(items) };
        if (slice.Next is { } next)
            result["nextToken"] = SfnCall.EncodeToken(new JsonObject
            {
                ["w"] = definition.Name,
                ["s"] = status,
                ["t"] = next.StartDate.UtcTicks,
                ["i"] = next.ExecutionId,
            });
        return result;
    }
}
