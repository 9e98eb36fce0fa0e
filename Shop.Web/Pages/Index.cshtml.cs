using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.EventStore.Contracts;

namespace Shop.Web.Pages;

public sealed class IndexModel(ISender sender, TimeProvider clock) : PageModel
{
    public const int LatestCount = 15;

    public IReadOnlyList<EventStoreItem> Latest { get; private set; } = [];

    public int Total { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The live part of the dashboard, polled by htmx.</summary>
    public async Task<PartialViewResult> OnGetLatestAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_LatestEvents", this);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await sender.Send(new FindEvents(PageSize: LatestCount.ToString(System.Globalization.CultureInfo.InvariantCulture), NewestFirst: true), cancellationToken);
        Latest = page.Items;
        Total = page.Total;
        AsOf = clock.GetUtcNow();
    }
}
