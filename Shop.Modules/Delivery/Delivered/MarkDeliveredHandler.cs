using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;

namespace Shop.Modules.Delivery.Delivered;

internal sealed class MarkDeliveredHandler(DeliveryOutcome outcome) : IRequestHandler<MarkDelivered, DeliveryDto>
{
    public async ValueTask<DeliveryDto> Handle(MarkDelivered request, CancellationToken cancellationToken) =>
        await outcome.EndAsync(request.CustomerId, request.OrderId, DeliveryStatus.Delivered, cancellationToken);
}
