using System.Text.Json.Nodes;
using Mediator;

namespace Shop.Modules.Workflows.Api.Start;

internal sealed record StartExecution(string Workflow, string? Name, JsonNode? Input) : IRequest<StartedExecution>;

/// <summary>The workflow's own input checks (<see cref="WorkflowInputValidator"/>) run first, so start refuses what its own endpoint refuses.</summary>
internal sealed class StartExecutionHandler(IWorkflowEngine engine, IEnumerable<WorkflowInputValidator> validators)
    : IRequestHandler<StartExecution, StartedExecution>
{
    public async ValueTask<StartedExecution> Handle(StartExecution request, CancellationToken cancellationToken)
    {
        foreach (var validator in validators.Where(v => v.Workflow == request.Workflow)) validator.Validate(request.Input);
        return await engine.StartAsync(request.Workflow, request.Input, request.Name, cancellationToken);
    }
}
