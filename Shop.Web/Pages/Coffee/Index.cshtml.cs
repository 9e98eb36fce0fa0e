using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Web.Pages.Coffee;

/// <summary>
/// The barista board (drinks waiting, oldest first, with Complete / Still working), the latest finished drinks,
/// the store settings and a small order form. The board part is polled by htmx.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public DrinkBoard? Board { get; private set; }

    public CoffeeSettingsDto? Settings { get; private set; }

    [BindProperty]
    public StoreInput Store { get; set; } = new();

    [BindProperty]
    public OrderInput Order { get; set; } = new();

    /// <summary>What the last action did (post-redirect-get).</summary>
    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(fillForm: true, cancellationToken);

    /// <summary>The live part of the page, polled by htmx.</summary>
    public async Task<PartialViewResult> OnGetBoardAsync(CancellationToken cancellationToken)
    {
        Board = await sender.Send(new ListDrinks(), cancellationToken);
        return Partial("_DrinkBoard", this);
    }

    public async Task<IActionResult> OnPostCompleteAsync(string orderId, string? baristaName, CancellationToken cancellationToken) =>
        await ActAsync(async () =>
        {
            var drink = await sender.Send(new CompleteCoffeeOrder(orderId, baristaName), cancellationToken);
            return $"Order {drink.OrderId} ({drink.Drink}) completed by {baristaName?.Trim()}.";
        });

    public async Task<IActionResult> OnPostHeartbeatAsync(string orderId, CancellationToken cancellationToken) =>
        await ActAsync(async () =>
        {
            var drink = await sender.Send(new HeartbeatDrink(orderId), cancellationToken);
            return $"Drink {drink.OrderId} kept alive.";
        });

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken cancellationToken)
    {
        if (!int.TryParse(Store.BaristaCapacity, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity))
        {
            ModelState.AddModelError($"{nameof(Store)}.{nameof(StoreInput.BaristaCapacity)}", "Barista capacity must be a whole number from 1 to 1000.");
            await LoadAsync(fillForm: false, cancellationToken);
            return Page();
        }
        try
        {
            var settings = await sender.Send(new ChangeCoffeeSettings(Store.StoreOpen, capacity), cancellationToken);
            Notice = $"Store {(settings.StoreOpen ? "open" : "closed")}, capacity {settings.BaristaCapacity}.";
            return RedirectToPage();
        }
        catch (InvalidInputException ex)
        {
            ModelState.AddModelError(ex.Field == "baristaCapacity" ? $"{nameof(Store)}.{nameof(StoreInput.BaristaCapacity)}" : "", ex.Message);
            await LoadAsync(fillForm: false, cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostOrderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var placed = await sender.Send(new PlaceCoffeeOrder(null, Order.UserId, Order.Drink), cancellationToken);
            Notice = $"Order {placed.OrderId} placed.";
            return RedirectToPage();
        }
        catch (InvalidInputException ex)
        {
            ModelState.AddModelError(ex.Field switch
            {
                "userId" => $"{nameof(Order)}.{nameof(OrderInput.UserId)}",
                "drink" => $"{nameof(Order)}.{nameof(OrderInput.Drink)}",
                _ => "",
            }, ex.Message);
            await LoadAsync(fillForm: false, cancellationToken);
            return Page();
        }
    }

    private async Task<IActionResult> ActAsync(Func<Task<string>> action)
    {
        try
        {
            Notice = await action();
        }
        catch (DomainException ex)
        {
            Problem = ex.Message;
        }
        return RedirectToPage();
    }

    private async Task LoadAsync(bool fillForm, CancellationToken cancellationToken)
    {
        Board = await sender.Send(new ListDrinks(), cancellationToken);
        Settings = await sender.Send(new GetCoffeeSettings(), cancellationToken);
        if (fillForm) Store = new StoreInput { StoreOpen = Settings.StoreOpen, BaristaCapacity = Settings.BaristaCapacity.ToString(CultureInfo.InvariantCulture) };
    }
}

public sealed class StoreInput
{
    public bool StoreOpen { get; set; } = true;

    public string? BaristaCapacity { get; set; }
}

public sealed class OrderInput
{
    public string? UserId { get; set; }

    public string? Drink { get; set; }
}
