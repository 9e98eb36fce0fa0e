using Mediator;

namespace Shop.Modules.SkipTheLine.Contracts;

/// <summary>Skip the Line (SCENARIOS §4, seed 004): a traveller pre-orders takeaway coffee from a vendor.</summary>
public static class PreOrderEvents
{
    public const string Source = "skiptheline";

    /// <summary>The notification (the seed's SNS topic): the order is written and its invoice stored.</summary>
    public const string PreOrderConfirmed = "PreOrderConfirmed";

    public const string PreOrderPickedUp = "PreOrderPickedUp";
}

public static class PreOrderStatus
{
    /// <summary>Written by the workflow's first step; the invoice is not there yet.</summary>
    public const string Placed = "placed";
    public const string Invoiced = "invoiced";
    /// <summary>Only in the answer to a pickup: the order itself is removed.</summary>
    public const string PickedUp = "picked_up";
}

public static class PreOrderErrors
{
    /// <summary>The account already has an active order with that vendor (the workflow's "Write Order" fails with it).</summary>
    public const string OrderAlreadyActive = "OrderAlreadyActive";
    public const string PreOrderNotFound = "PreOrderNotFound";
    public const string InvoiceNotReady = "InvoiceNotReady";
}

/// <param name="UnitPrice">Null for an item without a price (it counts 0 in the total).</param>
public sealed record PreOrderItem(string Name, int Quantity, decimal? UnitPrice);

public sealed record PreOrderDto(
    string AccountId,
    string VendorId,
    string OrderId,
    IReadOnlyList<PreOrderItem> Items,
    decimal Total,
    string Status,
    string? InvoiceId,
    string? ExecutionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What placing a pre-order came to.</summary>
/// <param name="Written">True when the workflow wrote the order; false when it is still running (202).</param>
public sealed record PreOrderPlacement(bool Written, PreOrderDto? Order, string ExecutionId, string ExecutionStatus);

/// <summary>
/// Starts the pre-order workflow and answers once its "Write Order" step has decided: written, or refused
/// with a 409 <see cref="PreOrderErrors.OrderAlreadyActive"/> (the workflow then stops there).
/// </summary>
public sealed record PlacePreOrder(string? AccountId, string? VendorId, IReadOnlyList<PreOrderItem> Items) : IRequest<PreOrderPlacement>;

public sealed record DescribePreOrder(string AccountId, string VendorId) : IRequest<PreOrderDto>;

/// <summary>The invoice file's content (JSON text) of the account's active order with the vendor.</summary>
public sealed record ReadPreOrderInvoice(string AccountId, string VendorId) : IRequest<PreOrderInvoice>;

public sealed record PreOrderInvoice(string InvoiceId, string OrderId, string Content);

/// <summary>Completes the order and removes it (like a shopping cart); a new order with the vendor is then allowed.</summary>
public sealed record PickUpPreOrder(string AccountId, string VendorId) : IRequest<PreOrderDto>;
