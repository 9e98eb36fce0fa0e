using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;
using Shop.Modules.Delivery.Estimate;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Start;

internal sealed class StartDeliveryHandler(DeliverySql sql, UnitOfWork unitOfWork, DeliveryEstimator estimator, TimeProvider clock)
    : IRequestHandler<StartDelivery, DeliveryDto>
{
    public async ValueTask<DeliveryDto> Handle(StartDelivery request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var orderId = Require.Id(request.OrderId, "orderId");
        var estimate = estimator.Estimate(AddressRule.Require(request.Address));
        var now = clock.GetUtcNow();
        var delivery = new DeliveryDto(customerId, orderId, estimate.Address, DeliveryStatus.Delivering, estimate.Distance, estimate.DurationSeconds,
            estimate.Price, StartedAt: now, UpdatedAt: now);
        return await unitOfWork.ExecuteAsync(ct =>
        {
            // One statement: the key refuses a second delivery of the order (the check and the insert cannot be split).
            if (!sql.Insert(delivery, ct))
                throw new ConflictException("Delivery already started", $"Order '{customerId}/{orderId}' already has a delivery.")
                    { ErrorCode = DeliveryErrors.DeliveryAlreadyStarted };
            return Task.FromResult(delivery);
        }, cancellationToken);
    }
}
