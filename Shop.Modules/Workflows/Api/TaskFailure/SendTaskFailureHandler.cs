using Mediator;

namespace Shop.Modules.Workflows.Api.TaskFailure;

internal sealed record SendTaskFailure(string TaskToken, string? Error, string? Cause) : IRequest;

internal sealed class SendTaskFailureHandler(IWorkflowEngine engine) : IRequestHandler<SendTaskFailure>
{
    public async ValueTask<Unit> Handle(SendTaskFailure request, CancellationToken cancellationToken)
    {
        await engine.SendTaskFailureAsync(request.TaskToken, request.Error, request.Cause, cancellationToken);
        return Unit.Value;
    }
}
