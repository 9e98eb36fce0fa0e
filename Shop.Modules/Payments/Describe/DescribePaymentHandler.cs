using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;

namespace Shop.Modules.Payments.Describe;

internal sealed class DescribePaymentHandler(PaymentsDbContext db) : IRequestHandler<DescribePayment, PaymentDto>
{
    public async ValueTask<PaymentDto> Handle(DescribePayment request, CancellationToken cancellationToken) =>
        (await db.FindAsync(Require.Id(request.PaymentId, "paymentId"), cancellationToken)).ToDto();
}
