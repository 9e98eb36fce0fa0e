using Mediator;

namespace Shop.Modules.Workflows.Api.Graph;

internal sealed record GetExecutionGraph(string ExecutionId) : IRequest<string>;

internal sealed class GetExecutionGraphHandler(IWorkflowEngine engine) : IRequestHandler<GetExecutionGraph, string>
{
    public async ValueTask<string> Handle(GetExecutionGraph request, CancellationToken cancellationToken) =>
        await engine.GetGraphAsync(request.ExecutionId, cancellationToken);
}
