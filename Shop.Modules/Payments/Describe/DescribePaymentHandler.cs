using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;

namespace Shop.Modules.Payments.Describe;

internal sealed class DescribePaymentHandler(PaymentsSql sql) : IRequestHandler<DescribePayment, PaymentDto>
{
    public ValueTask<PaymentDto> Handle(DescribePayment request, CancellationToken cancellationToken)
    {
        var id = Require.Id(request.PaymentId, "paymentId");
        return ValueTask.FromResult(sql.Payment(id, cancellationToken) ?? throw new NotFoundException("Payment", id) { ErrorCode = PaymentErrors.PaymentNotFound });
    }
}
