using Mediator;

namespace Shop.Modules.Inventory.Contracts;

/// <summary>An item of the inventory. available + reserved + sold only changes by a reload (Invariant 4).</summary>
public sealed record ItemDto(string ItemId, string Name, string Description, decimal Price, int Available, int Reserved, int Sold);

/// <summary>The item, or 404 (<see cref="InventoryErrors.ItemNotFound"/>).</summary>
public sealed record DescribeItem(string ItemId) : IRequest<ItemDto>;

/// <summary>available −1, reserved +1; none available → 404 <see cref="InventoryErrors.ItemNotAvailable"/> (as the sample's service answered).</summary>
public sealed record ReserveItem(string ItemId) : IRequest<ItemDto>;

/// <summary>reserved −1, available +1; none reserved → 409 <see cref="InventoryErrors.ItemNotReserved"/>.</summary>
public sealed record UnreserveItem(string ItemId) : IRequest<ItemDto>;

/// <summary>The reserved item is sold: reserved −1, sold +1; none reserved → 409 <see cref="InventoryErrors.ItemNotReserved"/>.</summary>
public sealed record RemoveItem(string ItemId) : IRequest<ItemDto>;

/// <summary>A sold item comes back: sold −1, available +1; none sold → 409 <see cref="InventoryErrors.ItemNotSold"/>.</summary>
public sealed record ReturnItem(string ItemId) : IRequest<ItemDto>;

/// <summary>The <c>ErrorCode</c> values of the exceptions the inventory throws.</summary>
public static class InventoryErrors
{
    public const string ItemNotFound = "ItemNotFound";
    public const string ItemNotAvailable = "ItemNotAvailable";
    public const string ItemNotReserved = "ItemNotReserved";
    public const string ItemNotSold = "ItemNotSold";
}

/// <summary>Every item with its counts, by id (for the admin console).</summary>
public sealed record ListItems : IRequest<IReadOnlyList<ItemDto>>;
