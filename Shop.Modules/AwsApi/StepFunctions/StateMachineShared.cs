using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// What ListStateMachines, DescribeStateMachine, DescribeStateMachineForExecution share (each is its own XOperation.cs) over the engine's registered workflows
/// (every one a STANDARD state machine: the C# ones and the ASL ones of <see cref="StateMachineChangeShared"/>).
/// </summary>
internal static class StateMachineShared
{
    /// <summary>STANDARD or EXPRESS as the machine was created (C# workflows are STANDARD).</summary>
    public static async Task<string> TypeAsync(AwsRequest request, string name, CancellationToken ct) =>
        (await request.Services.GetRequiredService<IStateMachines>().GetAsync(name, ct))?.Type ?? "STANDARD";

    internal static JsonObject Describe(SfnCall call, WorkflowDefinition definition, DateTimeOffset date) => new()
    {
        ["stateMachineArn"] = call.Arns.StateMachine(definition.Name),
        ["name"] = definition.Name,
        ["definition"] = AslRenderer.Render(definition),
        ["roleArn"] = call.RoleArn,
        ["updateDate"] = SfnCall.Time(date),
        ["loggingConfiguration"] = new JsonObject { ["level"] = "OFF", ["includeExecutionData"] = false },
        ["tracingConfiguration"] = new JsonObject { ["enabled"] = false },
    };

    internal static int Offset(string token) =>
        SfnCall.DecodeToken(token)["o"] is JsonValue v && v.TryGetValue<int>(out var offset) && offset >= 0
            ? offset
            : throw SfnErrors.InvalidToken("the nextToken is not one of ListStateMachines.");
}
