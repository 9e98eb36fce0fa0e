namespace Shop.Modules.Inventory.Contracts;

/// <summary>
/// Detail-types the inventory publishes in the event-driven order (SCENARIOS §1.2), source <see cref="Source"/>.
/// The detail is the order object it received, grown by <c>item</c> (an <see cref="ItemDto"/>) on
/// <see cref="ItemDescribed"/>; the Error… events add <c>error</c>.
/// </summary>
public static class InventoryEvents
{
    public const string Source = "Inventory";

    public const string ItemReserved = nameof(ItemReserved);
    /// <summary>Nothing available to reserve (or an unknown item): the order ends there.</summary>
    public const string ItemNotAvailable = nameof(ItemNotAvailable);
    public const string ItemDescribed = nameof(ItemDescribed);
    public const string ErrorItemDescribed = nameof(ErrorItemDescribed);
    public const string ItemRemoved = nameof(ItemRemoved);
    public const string ErrorItemRemoved = nameof(ErrorItemRemoved);
    public const string ItemReturned = nameof(ItemReturned);
    public const string ErrorItemReturned = nameof(ErrorItemReturned);
    public const string ItemUnreserved = nameof(ItemUnreserved);
    public const string ErrorItemUnreserved = nameof(ErrorItemUnreserved);
}
