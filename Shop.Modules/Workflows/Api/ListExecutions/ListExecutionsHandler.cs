using Mediator;

namespace Shop.Modules.Workflows.Api.ListExecutions;

internal sealed record ListExecutions(string? Workflow, string? Status, int Page) : IRequest<ExecutionPage>;

internal sealed class ListExecutionsHandler(IWorkflowEngine engine) : IRequestHandler<ListExecutions, ExecutionPage>
{
    public async ValueTask<ExecutionPage> Handle(ListExecutions request, CancellationToken cancellationToken) =>
        await engine.ListAsync(request.Workflow, request.Status, request.Page, cancellationToken);
}
