using System.Text.Json.Nodes;
using Mediator;

namespace Shop.Modules.Workflows.Api.TaskSuccess;

internal sealed record SendTaskSuccess(string TaskToken, JsonNode? Output) : IRequest;

internal sealed class SendTaskSuccessHandler(IWorkflowEngine engine) : IRequestHandler<SendTaskSuccess>
{
    public async ValueTask<Unit> Handle(SendTaskSuccess request, CancellationToken cancellationToken)
    {
        await engine.SendTaskSuccessAsync(request.TaskToken, request.Output, cancellationToken);
        return Unit.Value;
    }
}
