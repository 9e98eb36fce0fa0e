using Mediator;

namespace Shop.Modules.Workflows.Api.Describe;

internal sealed record DescribeExecution(string ExecutionId) : IRequest<ExecutionDescription>;

internal sealed class DescribeExecutionHandler(IWorkflowEngine engine) : IRequestHandler<DescribeExecution, ExecutionDescription>
{
    public async ValueTask<ExecutionDescription> Handle(DescribeExecution request, CancellationToken cancellationToken) =>
        await engine.DescribeAsync(request.ExecutionId, cancellationToken);
}
