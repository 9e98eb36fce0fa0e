using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;

namespace Shop.Modules.Payments.Cancel;

internal sealed class CancelPaymentHandler(PaymentsDbContext db, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<CancelPayment, PaymentDto>
{
    public async ValueTask<PaymentDto> Handle(CancelPayment request, CancellationToken cancellationToken)
    {
        var id = Require.Id(request.PaymentId, "paymentId");
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var now = clock.GetUtcNow();
            var changed = await db.Payments.Where(p => p.PaymentId == id && p.Status == PaymentStatus.Paid)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Canceled).SetProperty(p => p.UpdatedAt, now), ct);
            var payment = await db.FindAsync(id, ct);
            if (changed == 0)
            {
                throw payment.Status == PaymentStatus.Canceled
                    ? new ConflictException("Payment already canceled", $"Payment '{id}' is already canceled.") { ErrorCode = PaymentErrors.PaymentAlreadyCanceled }
                    : new ConflictException("Payment not paid", $"Payment '{id}' is {payment.Status}; only a PAID payment can be canceled.") { ErrorCode = PaymentErrors.PaymentNotPaid };
            }
            return payment.ToDto();
        }, cancellationToken);
    }
}
