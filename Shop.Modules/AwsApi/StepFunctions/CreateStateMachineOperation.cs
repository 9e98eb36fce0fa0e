using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.CreateStateMachine</c>.</summary>
internal static class CreateStateMachineOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var name = call.Required("name", 80);
        var definition = call.Required("definition", 1_048_576);
        call.Required("roleArn", 256);
        var type = call.String("type", 16) ?? "STANDARD";
        if (type is not ("STANDARD" or "EXPRESS"))
            throw SfnErrors.Validation("type", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
        if (StateMachineChangeShared.IsCSharp(call, name)) throw StateMachineChangeShared.StateMachineAlreadyExists(name);
        var machine = await StateMachineChangeShared.Translate(() => StateMachineChangeShared.Machines(request).CreateAsync(name, definition, type, ct));
        return new JsonObject { ["stateMachineArn"] = call.Arns.StateMachine(machine.Name), ["creationDate"] = SfnCall.Time(machine.CreatedAt) };
    }
}
