using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Inventory.Reserve;

/// <summary>
/// 404 when no unit is available to reserve: the sample's inventory service answered so, and its order workflow
/// (order-create.asl.json) catches exactly <c>ApiGateway.404</c> on "Reserve Item" to reach "Item Not Available".
/// The <c>errorCode</c> (ItemNotAvailable) tells it from an unknown item (ItemNotFound), which is a 404 too.
/// </summary>
internal sealed class ItemNotAvailableException(string itemId)
    : DomainException("Item not available", $"Item '{itemId}' has no units available to reserve.")
{
    public override int StatusCode => 404;

    public static ItemNotAvailableException For(string itemId) => new(itemId) { ErrorCode = InventoryErrors.ItemNotAvailable };
}
