using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.SampleData;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Payments.Contracts;

namespace Shop.Web.Pages.ShopData;

/// <summary>The retail modules' data as an operator checks it, and the sample data reload (confirmed by a checkbox, so it works without JavaScript).</summary>
public sealed class IndexModel(ISender sender, IServiceProvider services) : PageModel
{
    public const int Latest = 100;

    [BindProperty]
    public bool ConfirmReload { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<CustomerDto> Customers { get; private set; } = [];

    public IReadOnlyList<ItemDto> Items { get; private set; } = [];

    public IReadOnlyList<PaymentDto> Payments { get; private set; } = [];

    public IReadOnlyList<DeliveryDto> Deliveries { get; private set; } = [];

    public IReadOnlyList<OrderDto> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostReloadAsync(CancellationToken cancellationToken)
    {
        if (!ConfirmReload)
        {
            ModelState.AddModelError(nameof(ConfirmReload), "Tick the box to confirm: a reload resets customers and every item's counts to the seed.");
            await LoadAsync(cancellationToken);
            return Page();
        }
        var counts = await SampleDataModule.ReloadAsync(services, cancellationToken);
        Notice = "Sample data reloaded: " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"));
        return RedirectToPage();
    }

    /// <summary>
    /// The Logistics outcome of a delivering order, as an operator reports it: the Delivery module records it
    /// and publishes the event that completes the order, whichever way it runs (workflow callback or chain).
    /// </summary>
    public async Task<IActionResult> OnPostDeliveryAsync(string customerId, string orderId, bool delivered, CancellationToken cancellationToken)
    {
        try
        {
            if (delivered) await sender.Send(new MarkDelivered(customerId, orderId), cancellationToken);
            else await sender.Send(new CancelDelivery(customerId, orderId), cancellationToken);
            Notice = $"Order {orderId}: delivery {(delivered ? "delivered" : "canceled")}.";
        }
        catch (DomainException refused)
        {
            Notice = $"Order {orderId}: {refused.Message}";
        }
        return RedirectToPage(null, null, "orders");
    }

    /// <summary>Where an order's story is told: its execution (orchestrated) or its event chain (event-driven).</summary>
    public static (string Href, string Text)? TraceOf(OrderDto order) =>
        order.ExecutionId is { Length: > 0 } executionId
            ? (Executions.DetailsModel.PathFor(executionId), "execution")
            : order.Mode == OrderMode.EventDriven
                ? ($"/admin/events?orderId={Uri.EscapeDataString(order.OrderId)}", "events")
                : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Customers = await sender.Send(new ListCustomers(), cancellationToken);
        Items = await sender.Send(new ListItems(), cancellationToken);
        Payments = await sender.Send(new ListPayments(Latest), cancellationToken);
        Deliveries = await sender.Send(new ListDeliveries(Latest), cancellationToken);
        Orders = await sender.Send(new ListOrders(Latest), cancellationToken);
    }
}
