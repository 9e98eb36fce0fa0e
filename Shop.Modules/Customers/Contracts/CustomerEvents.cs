namespace Shop.Modules.Customers.Contracts;

/// <summary>
/// Detail-types the customers module publishes in the event-driven order, source <see cref="Source"/>.
/// The detail is the order object it received plus <c>customer</c> (a <see cref="CustomerDto"/>), or
/// <c>error</c> on <see cref="ErrorCustomerDescribed"/>.
/// </summary>
public static class CustomerEvents
{
    public const string Source = "Customer";

    public const string CustomerDescribed = nameof(CustomerDescribed);
    public const string ErrorCustomerDescribed = nameof(ErrorCustomerDescribed);
}
