using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Settings;
using Shop.Web.Security;

namespace Shop.Web.Pages.Settings;

/// <summary>
/// The effective settings, and the two that may change while the shop runs (through <see cref="RuntimeSettings"/>,
/// so every reader sees them at once; a restart returns to appsettings.json).
/// </summary>
public sealed class IndexModel(IConfiguration configuration, RuntimeSettings runtime, IOptionsMonitor<AdminCredentials> admin) : PageModel
{
    public const string FailProbabilityKey = "Payments:FailProbability";
    public const string TimeScaleKey = "Workflows:TimeScale";

    /// <summary>Shown read-only; changing them needs a restart.</summary>
    public static readonly IReadOnlyList<string> FileKeys =
        ["Shop:DataFolder", "Shop:SeedFolder", "Shop:RandomSeed", FailProbabilityKey, TimeScaleKey, "Workflows:Workers", "Workflows:Demo"];

    [BindProperty]
    public string? FailProbability { get; set; }

    [BindProperty]
    public string? TimeScale { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyDictionary<string, string?> Overrides => runtime.Overrides;

    public AdminCredentials Admin => admin.CurrentValue;

    public string Show(string key) => configuration[key] is { Length: > 0 } value ? value : "(default)";

    public bool Changed(string key) => runtime.Overrides.ContainsKey(key);

    public void OnGet()
    {
        FailProbability = configuration[FailProbabilityKey];
        TimeScale = configuration[TimeScaleKey] ?? "1";
    }

    public IActionResult OnPost()
    {
        var probability = Parse(FailProbability, nameof(FailProbability), p => p is >= 0 and <= 1, "a number from 0 to 1 (e.g. 0.2)");
        var scale = Parse(TimeScale, nameof(TimeScale), s => s > 0 && s <= 1000, "a number more than 0 and at most 1000 (e.g. 0.1 for ten times faster)");
        // Nothing changes unless both are valid.
        if (!ModelState.IsValid) return Page();
        runtime.Change(FailProbabilityKey, probability!.Value.ToString("R", CultureInfo.InvariantCulture));
        runtime.Change(TimeScaleKey, scale!.Value.ToString("R", CultureInfo.InvariantCulture));
        Notice = "Settings changed (until the next restart).";
        return RedirectToPage();
    }

    /// <summary>Back to appsettings.json's values.</summary>
    public IActionResult OnPostReset()
    {
        runtime.Change(FailProbabilityKey, null);
        runtime.Change(TimeScaleKey, null);
        Notice = "Run-time changes cleared: the settings file's values apply again.";
        return RedirectToPage();
    }

    private double? Parse(string? text, string field, Func<double, bool> valid, string expected)
    {
        if (double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && valid(value))
            return value;
        ModelState.AddModelError(field, $"Must be {expected}.");
        return null;
    }
}
