using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery.Data;

/// <summary>
/// Ends a DELIVERING delivery (delivered or canceled) with one conditional update, and publishes the
/// outcome event in the same unit of work, so the order flows hear of every outcome exactly once.
/// </summary>
internal sealed class DeliveryOutcome(DeliverySql sql, UnitOfWork unitOfWork, IEventPublisher events, TimeProvider clock)
{
    public Task<DeliveryDto> EndAsync(string? customerIdInput, string? orderIdInput, string status, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(customerIdInput, "customerId");
        var orderId = Require.Id(orderIdInput, "orderId");
        return unitOfWork.ExecuteAsync(async ct =>
        {
            var delivery = sql.End(customerId, orderId, status, clock.GetUtcNow(), ct)
                ?? throw AlreadyEnded(sql.Delivery(customerId, orderId, ct) ?? throw NotFound(customerId, orderId));

            object outcome = status == DeliveryStatus.Delivered
                ? new DeliveryWasDelivered(customerId, orderId, delivery.Address, status, delivery.Price)
                : new DeliveryWasCanceled(customerId, orderId, delivery.Address, status, delivery.Price);
            var detail = JsonSerializer.SerializeToNode(outcome, outcome.GetType(), EventEnvelope.Json)!.AsObject();
            var detailType = status == DeliveryStatus.Delivered ? DeliveryWasDelivered.DetailType : DeliveryWasCanceled.DetailType;
            await events.PublishAsync(DeliveryEvents.Source, detailType, detail, cancellationToken: ct);
            return delivery;
        }, cancellationToken);
    }

    public static NotFoundException NotFound(string customerId, string orderId) =>
        new("Delivery", $"{customerId}/{orderId}") { ErrorCode = DeliveryErrors.DeliveryNotFound };

    private static ConflictException AlreadyEnded(DeliveryDto delivery) => delivery.Status == DeliveryStatus.Canceled
        ? new ConflictException("Delivery already canceled", $"Delivery '{delivery.CustomerId}/{delivery.OrderId}' was canceled.")
            { ErrorCode = DeliveryErrors.DeliveryAlreadyCanceled }
        : new ConflictException("Delivery already delivered", $"Delivery '{delivery.CustomerId}/{delivery.OrderId}' was delivered.")
            { ErrorCode = DeliveryErrors.DeliveryAlreadyDelivered };
}
