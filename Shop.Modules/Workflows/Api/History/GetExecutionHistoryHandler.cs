using Mediator;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows.Api.History;

internal sealed record GetExecutionHistory(string ExecutionId, long? After, int? Limit) : IRequest<HistoryPage>;

/// <summary>
/// A page of at most <c>limit</c> (1-1000, default 1000) events after the event id <c>after</c>; <c>next</c> is the
/// <c>after</c> of the next page, null on the last one. A history can grow without bound (a loop), an answer cannot.
/// </summary>
internal sealed class GetExecutionHistoryHandler(IWorkflowEngine engine) : IRequestHandler<GetExecutionHistory, HistoryPage>
{
    public const int MaxPage = 1000;

    public async ValueTask<HistoryPage> Handle(GetExecutionHistory request, CancellationToken cancellationToken)
    {
        var (id, after, limit) = request;
        if (after < 0) throw new InvalidInputException("after", "'after' must be an event id (0 or more).");
        if (limit is < 1 or > MaxPage) throw new InvalidInputException("limit", $"'limit' must be from 1 to {MaxPage}.");
        var size = limit ?? MaxPage;
        var rest = (await engine.GetHistoryAsync(id, cancellationToken)).Where(e => e.Id > (after ?? 0)).ToList();
        var page = rest.Take(size).ToArray();
        return new HistoryPage(page, rest.Count > size ? page[^1].Id : null);
    }
}
