namespace Shop.Modules.Orders.PlaceOrder;

/// <summary>The seed's tiny "Add" service: the workflow retries it on error (2 s, 6 attempts, backoff 2).</summary>
internal interface IPriceAdder
{
    decimal Add(decimal itemPrice, decimal deliveryPrice);
}

internal sealed class PriceAdder : IPriceAdder
{
    public decimal Add(decimal itemPrice, decimal deliveryPrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemPrice);
        ArgumentOutOfRangeException.ThrowIfNegative(deliveryPrice);
        return decimal.Round(itemPrice + deliveryPrice, 2);
    }
}
