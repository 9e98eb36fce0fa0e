using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows;

/// <summary>
/// An Amazon States Language document that cannot run: the message names the state and the field
/// (e.g. <c>State 'Check' (field 'Next'): 'Nowhere' is not a state</c>). REST answers 400; the AWS API InvalidDefinition.
/// </summary>
public sealed class InvalidDefinitionException(string detail) : DomainException("Invalid definition", detail)
{
    public override int StatusCode => 400;
}

/// <summary>CreateStateMachine with a name that exists with another definition (AWS: StateMachineAlreadyExists). REST answers 409.</summary>
public sealed class StateMachineAlreadyExistsException(string name)
    : DomainException("State machine already exists", $"State Machine Already Exists: '{name}'")
{
    public override int StatusCode => 409;
}
