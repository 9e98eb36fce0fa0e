using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// What CreateStateMachine, UpdateStateMachine, DeleteStateMachine share (each is its own XOperation.cs) over <see cref="IStateMachines"/> (ASL documents stored
/// and versioned in SQLite). The shop's C# workflows are listed like them but can be neither replaced nor deleted.
/// </summary>
internal static class StateMachineChangeShared
{
    internal static IStateMachines Machines(AwsRequest request) => request.Services.GetRequiredService<IStateMachines>();

    internal static bool IsCSharp(SfnCall call, string name) => call.Engine.Definitions.Any(d => d.Name == name && d.Source != WorkflowSources.Asl);

    /// <summary>The state machine name of an ARN that may be changed: an ASL one (a C# workflow is the shop's code).</summary>
    internal static string AslName(SfnCall call, string arn)
    {
        var parts = Kernel.Aws.AwsArns.Parts(arn, "states", "stateMachine");
        if (parts is not [var name] || name.Length == 0) throw SfnErrors.InvalidArn(arn, "stateMachine");
        if (IsCSharp(call, name))
            throw AwsException.Validation($"'{name}' is one of the shop's C# workflows: it cannot be changed or deleted through the API.");
        return name;
    }

    internal static async Task<StateMachineInfo> Translate(Func<Task<StateMachineInfo>> change, string? arn = null)
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

    internal static AwsException StateMachineAlreadyExists(string name) => new("StateMachineAlreadyExists", $"State Machine Already Exists: '{name}'");
}
