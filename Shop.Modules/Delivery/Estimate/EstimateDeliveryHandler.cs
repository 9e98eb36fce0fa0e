using Mediator;
using Shop.Modules.Delivery.Contracts;

namespace Shop.Modules.Delivery.Estimate;

internal sealed class EstimateDeliveryHandler(DeliveryEstimator estimator) : IRequestHandler<EstimateDelivery, DeliveryEstimate>
{
    public ValueTask<DeliveryEstimate> Handle(EstimateDelivery request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(estimator.Estimate(AddressRule.Require(request.Address)));
}
