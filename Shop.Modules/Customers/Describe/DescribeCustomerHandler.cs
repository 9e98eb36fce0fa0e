using Mediator;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Customers.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Customers.Describe;

internal sealed class DescribeCustomerHandler(CustomersSql sql) : IRequestHandler<DescribeCustomer, CustomerDto>
{
    public ValueTask<CustomerDto> Handle(DescribeCustomer request, CancellationToken cancellationToken)
    {
        var id = Require.Id(request.CustomerId, "customerId");
        return ValueTask.FromResult(sql.Customer(id, cancellationToken) ?? throw new NotFoundException("Customer", id) { ErrorCode = CustomerErrors.CustomerNotFound });
    }
}
