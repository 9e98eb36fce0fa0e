using Mediator;

namespace Shop.Modules.Workflows.Api.GetStateMachine;

internal sealed record GetStateMachine(string Name) : IRequest<StateMachineInfo?>;

internal sealed class GetStateMachineHandler(IStateMachines machines) : IRequestHandler<GetStateMachine, StateMachineInfo?>
{
    public async ValueTask<StateMachineInfo?> Handle(GetStateMachine request, CancellationToken cancellationToken) =>
        await machines.GetAsync(request.Name, cancellationToken);
}
