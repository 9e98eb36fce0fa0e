using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Choreography.Data;
using Shop.Modules.Choreography.Monitor;

namespace Shop.Modules.Choreography.Runs;

internal sealed class ListChoreographyRunsHandler(ChoreographyRegistry registry, ChoreographyDbContext db)
    : IRequestHandler<ListChoreographyRuns, IReadOnlyList<ChoreographyRunInfo>>
{
    public async ValueTask<IReadOnlyList<ChoreographyRunInfo>> Handle(ListChoreographyRuns request, CancellationToken cancellationToken)
    {
        var name = registry.Get(request.Choreography).Name;
        var rows = await db.Runs.AsNoTracking().Where(r => r.Choreography == name)
            .OrderByDescending(r => r.StartedAt).ThenBy(r => r.EntityId).Take(100).ToListAsync(cancellationToken);
        return rows.Select(r => new ChoreographyRunInfo(r.Choreography, r.EntityId, r.ExecutionId, r.Status, r.State, r.Events,
            r.DivergedState, r.DivergedEventId, r.StartedAt, r.UpdatedAt)).ToArray();
    }
}
