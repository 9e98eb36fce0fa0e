using Mediator;

namespace Shop.Modules.Workflows.Api.PutStateMachine;

internal sealed record PutStateMachine(string Name, string Document) : IRequest<(StateMachineInfo Machine, bool Created)>;

internal sealed class PutStateMachineHandler(IStateMachines machines) : IRequestHandler<PutStateMachine, (StateMachineInfo Machine, bool Created)>
{
    public async ValueTask<(StateMachineInfo Machine, bool Created)> Handle(PutStateMachine request, CancellationToken cancellationToken) =>
        await machines.PutAsync(request.Name, request.Document, cancellationToken);
}
