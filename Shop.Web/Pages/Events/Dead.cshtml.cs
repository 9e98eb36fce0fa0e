using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Kernel.Events;

namespace Shop.Web.Pages.Events;

/// <summary>Deliveries set aside after their last attempt failed, with Retry and Dismiss (<c>/events/dead</c> in the API).</summary>
public sealed class DeadModel(IDeadDeliveries deadDeliveries) : PageModel
{
    public IReadOnlyList<DeadDeliveryView> Dead { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Dead = await deadDeliveries.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        await deadDeliveries.RetryAsync(id, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDismissAsync(long id, CancellationToken cancellationToken)
    {
        await deadDeliveries.DismissAsync(id, cancellationToken);
        return RedirectToPage();
    }
}
