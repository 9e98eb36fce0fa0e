using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Workflows;

namespace Shop.Web.Pages;

/// <summary>Executions per workflow and status, orders per status, the latest events; htmx polls the two live parts.</summary>
public sealed class IndexModel(ISender sender, IWorkflowEngine engine, IDeadDeliveries deadDeliveries, TimeProvider clock) : PageModel
{
    public const int LatestCount = 15;

    public IReadOnlyList<EventStoreItem> Latest { get; private set; } = [];

    public int Total { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public DashboardCounts Counts { get; private set; } = DashboardCounts.Empty;

    /// <summary>Deliveries set aside after their last attempt (Events/Dead lists them).</summary>
    public int DeadDeliveries { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadLatestAsync(cancellationToken);
        await LoadCountsAsync(cancellationToken);
        DeadDeliveries = (await deadDeliveries.CountAsync(cancellationToken)).Dead;
    }

    /// <summary>The live part of the dashboard, polled by htmx.</summary>
    public async Task<PartialViewResult> OnGetLatestAsync(CancellationToken cancellationToken)
    {
        await LoadLatestAsync(cancellationToken);
        return Partial("_LatestEvents", this);
    }

    /// <summary>Execution and order counts, polled by htmx.</summary>
    public async Task<PartialViewResult> OnGetCountsAsync(CancellationToken cancellationToken)
    {
        await LoadCountsAsync(cancellationToken);
        return Partial("_DashboardCounts", Counts);
    }

    private async Task LoadLatestAsync(CancellationToken cancellationToken)
    {
        var page = await sender.Send(new FindEvents(PageSize: LatestCount.ToString(System.Globalization.CultureInfo.InvariantCulture), NewestFirst: true), cancellationToken);
        Latest = page.Items;
        Total = page.Total;
        AsOf = clock.GetUtcNow();
    }

    private async Task LoadCountsAsync(CancellationToken cancellationToken)
    {
        var executions = await engine.CountByStatusAsync(cancellationToken);
        var orders = await sender.Send(new CountOrdersByStatus(), cancellationToken);
        // Every registered workflow gets a row, so a workflow that never ran shows zeros rather than nothing.
        var workflows = engine.Definitions.Select(d => d.Name).Union(executions.Select(e => e.Workflow)).Order(StringComparer.Ordinal).ToArray();
        Counts = new DashboardCounts(workflows, executions.ToDictionary(e => (e.Workflow, e.Status), e => e.Count), orders);
    }
}

/// <summary>Model of the _DashboardCounts partial.</summary>
public sealed record DashboardCounts(
    IReadOnlyList<string> Workflows,
    IReadOnlyDictionary<(string Workflow, string Status), int> Executions,
    IReadOnlyDictionary<string, int> Orders)
{
    public static DashboardCounts Empty { get; } = new([], new Dictionary<(string, string), int>(), new Dictionary<string, int>());

    public int Count(string workflow, string status) => Executions.TryGetValue((workflow, status), out var n) ? n : 0;

    public int Total(string workflow) => Executions.Where(e => e.Key.Workflow == workflow).Sum(e => e.Value);

    public int OrderCount(string status) => Orders.TryGetValue(status, out var n) ? n : 0;
}
