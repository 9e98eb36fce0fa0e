using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;

namespace Shop.Modules.Payments.List;

internal sealed class ListPaymentsHandler(PaymentsDbContext db) : IRequestHandler<ListPayments, IReadOnlyList<PaymentDto>>
{
    public async ValueTask<IReadOnlyList<PaymentDto>> Handle(ListPayments request, CancellationToken cancellationToken) =>
        (await db.Payments.AsNoTracking()
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.PaymentId)
            .Take(Math.Clamp(request.Limit, 1, 500))
            .ToListAsync(cancellationToken)).Select(p => p.ToDto()).ToArray();
}
