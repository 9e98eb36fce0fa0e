using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Web.Pages.Executions;

/// <summary>Executions, newest first, filtered by workflow and status and paged (50 a page), like Step Functions' list.</summary>
public sealed class IndexModel(IWorkflowEngine engine) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Workflow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>"p", because Razor Pages reserve the route value "page".</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageNumber { get; set; }

    public ExecutionPage? Results { get; private set; }

    public IReadOnlyList<string> Workflows => engine.Definitions.Select(d => d.Name).ToArray();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = 1;
        if (!string.IsNullOrEmpty(PageNumber) && (!int.TryParse(PageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            ModelState.AddModelError(nameof(PageNumber), "'p' must be a page number (1 or more).");
            return;
        }
        try
        {
            Results = await engine.ListAsync(NullIfEmpty(Workflow), NullIfEmpty(Status), page, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            ModelState.AddModelError(ex.Field == "page" ? nameof(PageNumber) : ex.Field == "status" ? nameof(Status) : "", ex.Message);
        }
    }

    /// <summary>Paging links keep the filter.</summary>
    public Dictionary<string, string?> RouteFor(int pageNumber) => new()
    {
        ["workflow"] = NullIfEmpty(Workflow), ["status"] = NullIfEmpty(Status), ["p"] = pageNumber.ToString(CultureInfo.InvariantCulture),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
