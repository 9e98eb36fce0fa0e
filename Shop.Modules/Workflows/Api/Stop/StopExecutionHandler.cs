using Mediator;

namespace Shop.Modules.Workflows.Api.Stop;

internal sealed record StopExecution(string ExecutionId, string? Error, string? Cause) : IRequest<ExecutionDescription>;

internal sealed class StopExecutionHandler(IWorkflowEngine engine) : IRequestHandler<StopExecution, ExecutionDescription>
{
    public async ValueTask<ExecutionDescription> Handle(StopExecution request, CancellationToken cancellationToken)
    {
        await engine.StopAsync(request.ExecutionId, request.Error, request.Cause, cancellationToken);
        return await engine.DescribeAsync(request.ExecutionId, cancellationToken);
    }
}
