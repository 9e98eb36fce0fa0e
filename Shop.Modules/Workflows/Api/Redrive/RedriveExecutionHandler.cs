using Mediator;

namespace Shop.Modules.Workflows.Api.Redrive;

internal sealed record RedriveExecution(string ExecutionId) : IRequest<ExecutionDescription>;

internal sealed class RedriveExecutionHandler(IWorkflowEngine engine) : IRequestHandler<RedriveExecution, ExecutionDescription>
{
    public async ValueTask<ExecutionDescription> Handle(RedriveExecution request, CancellationToken cancellationToken)
    {
        await engine.RedriveAsync(request.ExecutionId, cancellationToken);
        return await engine.DescribeAsync(request.ExecutionId, cancellationToken);
    }
}
