using Mediator;

namespace Shop.Modules.Workflows.Api.List;

internal sealed record ListWorkflows : IRequest<WorkflowInfo[]>;

internal sealed class ListWorkflowsHandler(IWorkflowEngine engine) : IRequestHandler<ListWorkflows, WorkflowInfo[]>
{
    public ValueTask<WorkflowInfo[]> Handle(ListWorkflows request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(engine.Definitions.Select(Describe).ToArray());

    private static WorkflowInfo Describe(WorkflowDefinition definition) =>
        new(definition.Name, definition.StartAt, definition.Comment, definition.TimeoutSeconds, definition.States.Select(s => new StateInfo(
            s.Name, s.Kind == StateKind.Callback ? "Task (wait for callback)" : s.Kind.ToString(), s.Next, s.End,
            s.Transitions().ToDictionary(t => t.Trigger, t => t.Target), s.HeartbeatSeconds, s.TimeoutSeconds,
            s.Branches.Count == 0 ? null : s.Branches.Select(Describe).ToArray())).ToArray());
}
