using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Customers.Data;

namespace Shop.Modules.Customers.List;

internal sealed class ListCustomersHandler(CustomersDbContext db) : IRequestHandler<ListCustomers, IReadOnlyList<CustomerDto>>
{
    public async ValueTask<IReadOnlyList<CustomerDto>> Handle(ListCustomers request, CancellationToken cancellationToken) =>
        (await db.Customers.AsNoTracking().OrderBy(c => c.CustomerId).ToListAsync(cancellationToken)).Select(c => c.ToDto()).ToArray();
}
