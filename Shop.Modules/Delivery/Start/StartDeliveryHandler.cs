using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Delivery.Estimate;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Start;

internal sealed class StartDeliveryHandler(DeliveryDbContext db, UnitOfWork unitOfWork, DeliveryEstimator estimator, TimeProvider clock)
    : IRequestHandler<StartDelivery, DeliveryDto>
{
    public async ValueTask<DeliveryDto> Handle(StartDelivery request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var orderId = Require.Id(request.OrderId, "orderId");
        var estimate = estimator.Estimate(AddressRule.Require(request.Address));
        var now = clock.GetUtcNow();
        var delivery = new DeliveryRecord
        {
            CustomerId = customerId,
            OrderId = orderId,
            Address = estimate.Address,
            Status = DeliveryStatus.Delivering,
            Distance = estimate.Distance,
            DurationSeconds = estimate.DurationSeconds,
            Price = estimate.Price,
            StartedAt = now,
            UpdatedAt = now,
        };
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            if (await db.Deliveries.AnyAsync(d => d.CustomerId == customerId && d.OrderId == orderId, ct))
                throw new ConflictException("Delivery already started", $"Order '{customerId}/{orderId}' already has a delivery.")
                    { ErrorCode = DeliveryErrors.DeliveryAlreadyStarted };
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync(ct);
            return delivery.ToDto();
        }, cancellationToken);
    }
}
