using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Web.Pages.Workflows;

/// <summary>ASL state machines: the stored ones, and a form to paste a document, validate it and create or update the machine.</summary>
public sealed class StateMachinesModel(IStateMachines machines) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Definition { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<StateMachineInfo> Machines { get; private set; } = [];

    public async Task OnGetAsync(string? name, CancellationToken ct)
    {
        Machines = await machines.ListAsync(ct);
        if (name is not null && await machines.GetAsync(name, ct) is { } machine)
        {
            Name = machine.Name;
            Definition = machine.Definition;
        }
    }

    /// <summary>Checks the document without storing it; errors show beside the form.</summary>
    public async Task<IActionResult> OnPostValidateAsync(CancellationToken ct)
    {
        if (Check(() => machines.Validate(Name ?? "", Definition ?? ""))) Notice = "The definition is valid.";
        Machines = await machines.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        StateMachineInfo? saved = null;
        var created = false;
        try
        {
            (saved, created) = await machines.PutAsync(Name ?? "", Definition ?? "", ct);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(Definition), ex.Message);
            Machines = await machines.ListAsync(ct);
            return Page();
        }
        Notice = $"{(created ? "Created" : "Saved")} '{saved.Name}' (revision {saved.Revision}).";
        return RedirectToPage(new { name = saved.Name });
    }

    private bool Check(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(Definition), ex.Message);
            return false;
        }
    }
}
