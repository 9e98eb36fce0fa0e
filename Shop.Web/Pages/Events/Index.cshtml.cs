using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Kernel.Rules.Archives;

namespace Shop.Web.Pages.Events;

/// <summary>The event store, filtered and paged (newest first), a "Send events" form like EventBridge's console, and replays of archives.</summary>
public sealed class IndexModel(ISender sender, EventRules rules, EventArchives archives, EventReplays replays, AwsArns arns) : PageModel
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

    [BindProperty]
    public StartReplayInput Replay { get; set; } = new();

    /// <summary>The archives a replay can start from.</summary>
    public IReadOnlyList<ArchiveInfo> Archives { get; private set; } = [];

    /// <summary>The replays, newest first (their state: STARTING, RUNNING, COMPLETED, ...).</summary>
    public IReadOnlyList<ReplayInfo> Replays { get; private set; } = [];

    /// <summary>Starts a replay (EventBridge's StartReplay): an archive, a window, optionally some of its bus's rules.</summary>
    public async Task<IActionResult> OnPostReplayAsync(CancellationToken cancellationToken)
    {
        try
        {
            var archive = await archives.DescribeAsync(Replay.Archive ?? "", cancellationToken);
            var start = ReadTime(Replay.Start, "Replay.Start") ?? archive.CreatedAt;
            var end = ReadTime(Replay.End, "Replay.End") ?? DateTimeOffset.UtcNow;
            var only = (Replay.Rules ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ModelState.IsValid)
            {
                await replays.StartAsync(Replay.Name ?? "", archive.Name, start, end, archive.Bus,
                    only.Length == 0 ? null : only.Select(r => arns.Rule(archive.Bus, r)).ToList(), "Started from the console", cancellationToken);
                return RedirectToPage();
            }
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(ex is InvalidInputException { Field: "ReplayName" } ? "Replay.Name" : "Replay", ex.Message);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private DateTimeOffset? ReadTime(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.ToUniversalTime();
        ModelState.AddModelError(field, $"'{text}' is not a time (e.g. 2026-11-24T10:00:00Z).");
        return null;
    }

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
        Archives = await archives.ListAsync(null, null, cancellationToken);
        Replays = (await replays.ListAsync(null, null, null, cancellationToken)).OrderByDescending(r => r.ReplayStartTime).Take(10).ToList();
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

public sealed class StartReplayInput
{
    public string? Archive { get; set; }

    public string? Name { get; set; }

    /// <summary>UTC; empty: since the archive was made.</summary>
    public string? Start { get; set; }

    /// <summary>UTC; empty: now.</summary>
    public string? End { get; set; }

    /// <summary>Rule names of the archive's bus, comma-separated; empty: every rule of the bus.</summary>
    public string? Rules { get; set; }
}
