using System.Globalization;
using Mediator;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Kernel;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Payments.Contracts;
using Shop.Modules.Payments.Data;

namespace Shop.Modules.Payments.Pay;

internal sealed class MakePaymentHandler(PaymentsSql sql, UnitOfWork unitOfWork, IConfiguration configuration, IRandomSource random, TimeProvider clock)
    : IRequestHandler<MakePayment, PaymentDto>
{
    public const double DefaultFailProbability = 0.2;

    public async ValueTask<PaymentDto> Handle(MakePayment request, CancellationToken cancellationToken)
    {
        if (request.Amount <= 0 || request.Amount > 1_000_000_000m)
            throw new InvalidInputException("amount", "'amount' must be a positive number up to 1000000000, e.g. 12.50.");

        var now = clock.GetUtcNow();
        var payment = new PaymentDto(
            PaymentId: Guid.CreateVersion7(now).ToString(),
            PaymentMethod: "CREDIT_CARD",
            Amount: decimal.Round(request.Amount, 2),
            Status: random.NextDouble() < FailProbability() ? PaymentStatus.Failed : PaymentStatus.Paid,
            CreatedAt: now,
            UpdatedAt: now);
        await unitOfWork.ExecuteAsync(ct =>
        {
            sql.Insert(payment, ct);
            return Task.CompletedTask;
        }, cancellationToken);
        return payment;
    }

    /// <summary>Read at every payment, so the setting can be changed while the shop runs; nonsense falls back to the default.</summary>
    private double FailProbability() =>
        double.TryParse(configuration["Payments:FailProbability"], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && double.IsFinite(p)
            ? Math.Clamp(p, 0, 1)
            : DefaultFailProbability;
}
