using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules;

namespace Shop.Web.Pages.Events;

/// <summary>The event store, filtered and paged (newest first), and a "Send events" form like EventBridge's console.</summary>
public sealed class IndexModel(ISender sender, EventRules rules) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? DetailType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? OrderId { get; set; }

    /// <summary>An event bus name; empty: every bus.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Bus { get; set; }

    /// <summary>The buses to filter by and send to (default, the settings' and those made at run time).</summary>
    public IReadOnlyList<EventBusInfo> Buses { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>"p", because Razor Pages reserve the route value "page".</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageNumber { get; set; }

    [BindProperty]
    public SendEventInput Send { get; set; } = new();

    /// <summary>The id of the event just sent (post-redirect-get). Not a [TempData] string: TempData turns GUID text into a Guid.</summary>
    public string? Published
    {
        get => TempData[nameof(Published)]?.ToString();
        set => TempData[nameof(Published)] = value;
    }

    public EventStorePage? Results { get; private set; }

    public int LastPage => Results is null ? 1 : Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new PutEvents([new PutEventsEntry(Send.Source, Send.DetailType, Send.Detail, Send.EventBus)]), cancellationToken);
        var entry = result.Entries[0];
        if (!entry.Failed)
        {
            Published = entry.EventId;
            return RedirectToPage();
        }
        var key = entry.Field is "Source" or "DetailType" or "Detail" ? $"{nameof(Send)}.{entry.Field}" : "";
        ModelState.AddModelError(key, entry.ErrorMessage ?? "The event was refused.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Filter and paging links keep each other.</summary>
    public Dictionary<string, string?> RouteFor(int pageNumber) => new()
    {
        ["who"] = Who, ["detailType"] = DetailType, ["orderId"] = OrderId, ["bus"] = Bus, ["from"] = From, ["to"] = To,
        ["p"] = pageNumber.ToString(CultureInfo.InvariantCulture),
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Buses = await rules.ListBusesAsync(cancellationToken);
        try
        {
            Results = await sender.Send(new FindEvents(Who, DetailType, OrderId: OrderId, From: From, To: To, Page: PageNumber,
                PageSize: PageSize.ToString(CultureInfo.InvariantCulture), NewestFirst: true, Bus: Bus), cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            ModelState.AddModelError(ex.Field == "page" ? nameof(PageNumber) : ex.Field, ex.Message);
        }
    }
}

public sealed class SendEventInput
{
    public string? Source { get; set; }

    public string? DetailType { get; set; }

    public string? Detail { get; set; } = "{}";

    /// <summary>The bus to put the event on; empty: default.</summary>
    public string? EventBus { get; set; }
}
