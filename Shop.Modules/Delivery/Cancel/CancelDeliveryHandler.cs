using Mediator;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Delivery.Data;

namespace Shop.Modules.Delivery.Cancel;

internal sealed class CancelDeliveryHandler(DeliveryOutcome outcome) : IRequestHandler<CancelDelivery, DeliveryDto>
{
    public async ValueTask<DeliveryDto> Handle(CancelDelivery request, CancellationToken cancellationToken) =>
        await outcome.EndAsync(request.CustomerId, request.OrderId, DeliveryStatus.Canceled, cancellationToken);
}
