using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Web.Pages.Choreography;

/// <summary>The monitored choreographies with their graphs and runs, and a form to start a simulation.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ChoreographyInfo> Choreographies { get; private set; } = [];

    public Dictionary<string, IReadOnlyList<ChoreographyRunInfo>> Runs { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SimulationInfo> Simulations { get; private set; } = [];

    public IReadOnlyList<string> Seeds { get; private set; } = [];

    [BindProperty]
    public string? Seed { get; set; }

    [BindProperty]
    public string? Events { get; set; }

    /// <summary>The simulation just started (post-redirect-get).</summary>
    public string? Started
    {
        get => TempData[nameof(Started)]?.ToString();
        set => TempData[nameof(Started)] = value;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSimulateAsync(CancellationToken cancellationToken)
    {
        try
        {
            JsonNode? body = string.IsNullOrWhiteSpace(Events)
                ? new JsonObject { ["seed"] = Seed }
                : JsonNode.Parse(Events);
            var simulation = await sender.Send(new StartSimulation(body), cancellationToken);
            Started = simulation.SimulationId;
            return RedirectToPage();
        }
        catch (JsonException e)
        {
            ModelState.AddModelError(nameof(Events), $"Not valid JSON: {e.Message}");
        }
        catch (InvalidInputException e)
        {
            ModelState.AddModelError(e.Field == "seed" ? nameof(Seed) : nameof(Events), $"{e.Field}: {e.Message}");
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Choreographies = await sender.Send(new ListChoreographies(), cancellationToken);
        foreach (var choreography in Choreographies)
            Runs[choreography.Name] = await sender.Send(new ListChoreographyRuns(choreography.Name), cancellationToken);
        Simulations = await sender.Send(new ListSimulations(), cancellationToken);
        Seeds = await sender.Send(new ListSimulationSeeds(), cancellationToken);
    }
}
