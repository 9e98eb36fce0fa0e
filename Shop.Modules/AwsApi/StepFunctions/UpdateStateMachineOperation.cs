using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.UpdateStateMachine</c>.</summary>
internal static class UpdateStateMachineOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("stateMachineArn", 256);
        var name = StateMachineChangeShared.AslName(call, arn);
        var definition = call.String("definition", 1_048_576);
        var machines = StateMachineChangeShared.Machines(request);
        // As AWS: an unknown state machine is StateMachineDoesNotExist before its new definition is looked at.
        var machine = await machines.GetAsync(name, ct) ?? throw SfnErrors.StateMachineDoesNotExist(arn);
        if (definition is not null) machine = await StateMachineChangeShared.Translate(() => machines.UpdateAsync(name, definition, ct), arn);
        return new JsonObject { ["updateDate"] = SfnCall.Time(machine.UpdatedAt) };
    }
}
