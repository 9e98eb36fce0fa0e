using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Choreography.Monitor;

namespace Shop.Modules.Choreography.Definitions;

internal sealed class ListChoreographiesHandler(ChoreographyRegistry registry) : IRequestHandler<ListChoreographies, IReadOnlyList<ChoreographyInfo>>
{
    public ValueTask<IReadOnlyList<ChoreographyInfo>> Handle(ListChoreographies request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ChoreographyInfo>>(registry.All.Select(d => new ChoreographyInfo(
            d.Name, d.Workflow, d.Comment, JsonNode.Parse(d.StartPattern.Json)!, d.EventPatterns.Select(p => JsonNode.Parse(p.Json)!).ToArray(),
            d.EntityIdPath, d.States.Select(s => s.Name).ToArray(), ChoreographyGraph.Render(d))).ToArray());
}
