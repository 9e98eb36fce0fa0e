using Mediator;

namespace Shop.Modules.Workflows.Api.TaskHeartbeat;

internal sealed record SendTaskHeartbeat(string TaskToken) : IRequest;

internal sealed class SendTaskHeartbeatHandler(IWorkflowEngine engine) : IRequestHandler<SendTaskHeartbeat>
{
    public async ValueTask<Unit> Handle(SendTaskHeartbeat request, CancellationToken cancellationToken)
    {
        await engine.SendTaskHeartbeatAsync(request.TaskToken, cancellationToken);
        return Unit.Value;
    }
}
