using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// CreateStateMachine, UpdateStateMachine, DeleteStateMachine over <see cref="IStateMachines"/> (ASL documents stored
/// and versioned in SQLite). The shop's C# workflows are listed like them but can be neither replaced nor deleted.
/// </summary>
internal static class StateMachineChanges
{
    public static async Task<JsonNode?> CreateAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var name = call.Required("name", 80);
        var definition = call.Required("definition", 1_048_576);
        call.Required("roleArn", 256);
        var type = call.String("type", 16) ?? "STANDARD";
        if (type is not ("STANDARD" or "EXPRESS"))
            throw SfnErrors.Validation("type", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
        if (IsCSharp(call, name)) throw StateMachineAlreadyExists(name);
        var machine = await Translate(() => Machines(request).CreateAsync(name, definition, type, ct));
        return new JsonObject { ["stateMachineArn"] = call.Arns.StateMachine(machine.Name), ["creationDate"] = SfnCall.Time(machine.CreatedAt) };
    }

    public static async Task<JsonNode?> UpdateAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("stateMachineArn", 256);
        var name = AslName(call, arn);
        var definition = call.String("definition", 1_048_576);
        var machines = Machines(request);
        // As AWS: an unknown state machine is StateMachineDoesNotExist before its new definition is looked at.
        var machine = await machines.GetAsync(name, ct) ?? throw SfnErrors.StateMachineDoesNotExist(arn);
        if (definition is not null) machine = await Translate(() => machines.UpdateAsync(name, definition, ct), arn);
        return new JsonObject { ["updateDate"] = SfnCall.Time(machine.UpdatedAt) };
    }

    public static async Task<JsonNode?> DeleteAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        // As AWS: deleting one that does not exist (any more) succeeds.
        await Machines(request).DeleteAsync(AslName(call, call.Required("stateMachineArn", 256)), ct);
        return null;
    }

    private static IStateMachines Machines(AwsRequest request) => request.Services.GetRequiredService<IStateMachines>();

    private static bool IsCSharp(SfnCall call, string name) => call.Engine.Definitions.Any(d => d.Name == name && d.Source != WorkflowSources.Asl);

    /// <summary>The state machine name of an ARN that may be changed: an ASL one (a C# workflow is the shop's code).</summary>
    private static string AslName(SfnCall call, string arn)
    {
        var parts = Kernel.Aws.AwsArns.Parts(arn, "states", "stateMachine");
        if (parts is not [var name] || name.Length == 0) throw SfnErrors.InvalidArn(arn, "stateMachine");
        if (IsCSharp(call, name))
            throw AwsException.Validation($"'{name}' is one of the shop's C# workflows: it cannot be changed or deleted through the API.");
        return name;
    }

    private static async Task<StateMachineInfo> Translate(Func<Task<StateMachineInfo>> change, string? arn = null)
    {
        try
        {
            return await change();
        }
        catch (InvalidDefinitionException e)
        {
            throw new AwsException("InvalidDefinition", "Invalid State Machine Definition: " + e.Message);
        }
        catch (StateMachineAlreadyExistsException e)
        {
            throw new AwsException("StateMachineAlreadyExists", e.Message);
        }
        catch (InvalidInputException e)
        {
            throw SfnErrors.InvalidName(e.Message);
        }
        catch (NotFoundException) when (arn is not null)
        {
            throw SfnErrors.StateMachineDoesNotExist(arn);
        }
    }

    private static AwsException StateMachineAlreadyExists(string name) => new("StateMachineAlreadyExists", $"State Machine Already Exists: '{name}'");
}
