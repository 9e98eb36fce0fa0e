using Mediator;

namespace Shop.Modules.Customers.Contracts;

public sealed record CustomerDto(string CustomerId, string Description, string Name, string Email, string Address);

/// <summary>The customer, or 404 (<see cref="CustomerErrors.CustomerNotFound"/>).</summary>
public sealed record DescribeCustomer(string CustomerId) : IRequest<CustomerDto>;

public static class CustomerErrors
{
    public const string CustomerNotFound = "CustomerNotFound";
}

/// <summary>Every customer, by id (the shop has a handful; for the admin console).</summary>
public sealed record ListCustomers : IRequest<IReadOnlyList<CustomerDto>>;
