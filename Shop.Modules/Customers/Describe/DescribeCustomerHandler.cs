using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Customers.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Customers.Describe;

internal sealed class DescribeCustomerHandler(CustomersDbContext db) : IRequestHandler<DescribeCustomer, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(DescribeCustomer request, CancellationToken cancellationToken)
    {
        var id = Require.Id(request.CustomerId, "customerId");
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == id, cancellationToken);
        return customer?.ToDto() ?? throw new NotFoundException("Customer", id) { ErrorCode = CustomerErrors.CustomerNotFound };
    }
}
