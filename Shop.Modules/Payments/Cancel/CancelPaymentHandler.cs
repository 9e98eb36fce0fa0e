using Mediator;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;

namespace Shop.Modules.Payments.Cancel;

internal sealed class CancelPaymentHandler(PaymentsSql sql, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<CancelPayment, PaymentDto>
{
    public async ValueTask<PaymentDto> Handle(CancelPayment request, CancellationToken cancellationToken)
    {
        var id = Require.Id(request.PaymentId, "paymentId");
        return await unitOfWork.ExecuteAsync(ct => Task.FromResult(sql.Cancel(id, clock.GetUtcNow(), ct) ?? throw NotCanceled(id, ct)), cancellationToken);
    }

    /// <summary>Why nothing changed: the payment is unknown, already canceled, or not PAID.</summary>
    private ConflictException NotCanceled(string id, CancellationToken cancellationToken)
    {
        var payment = sql.Payment(id, cancellationToken) ?? throw new NotFoundException("Payment", id) { ErrorCode = PaymentErrors.PaymentNotFound };
        return payment.Status == PaymentStatus.Canceled
            ? new ConflictException("Payment already canceled", $"Payment '{id}' is already canceled.") { ErrorCode = PaymentErrors.PaymentAlreadyCanceled }
            : new ConflictException("Payment not paid", $"Payment '{id}' is {payment.Status}; only a PAID payment can be canceled.") { ErrorCode = PaymentErrors.PaymentNotPaid };
    }
}
