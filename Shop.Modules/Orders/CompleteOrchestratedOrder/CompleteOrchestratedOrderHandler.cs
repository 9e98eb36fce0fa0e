using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.Logging;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Workflows;

namespace Shop.Modules.Orders.CompleteOrchestratedOrder;

/// <summary>
/// Completes the "Wait For Delivery" state of an orchestrated order when its delivery ends. Only orders with
/// an open wait are concerned (the orchestrated workflow alone opens one; event-driven orders never have one).
/// Two events meet here, in either order: the delivery's outcome and the order starting to wait; whichever
/// comes second finds both the token and the outcome, and sends the outcome.
/// </summary>
internal sealed class CompleteOrchestratedOrderHandler(
    HandleOnce handleOnce,
    DeliveryWaits waits,
    IWorkflowEngine workflows,
    IMediator mediator,
    ILogger<CompleteOrchestratedOrderHandler> logger) : IEventHandler
{
    private const string HandlerName = "Orders.CompleteOrchestratedOrder";

    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var @event = notification.Event;
        var fromDelivery = @event.Source == DeliveryEvents.Source
            && @event.DetailType is DeliveryWasDelivered.DetailType or DeliveryWasCanceled.DetailType;
        var orderWaits = @event.Source == OrchestratedOrderEvents.Source && @event.DetailType == OrchestratedOrderEvents.OrderWaitingForDelivery;
        if (!fromDelivery && !orderWaits) return;
        if (@event.Detail.Text("customerId") is not { Length: > 0 } customerId || @event.Detail.Text("orderId") is not { Length: > 0 } orderId) return;
        // An order that starts waiting nearly always has its delivery under way: then there is nothing to do, so
        // look before writing anything (no handled mark, no unit of work). The wait was opened in the unit of work
        // that published this event, so a delivery that ends after this read finds it open and completes the order.
        if (orderWaits && await EndedDeliveryAsync(customerId, orderId, cancellationToken) is null) return;

        await handleOnce.RunAsync(@event, HandlerName, async ct =>
        {
            string? executionId, outcome;
            if (fromDelivery)
            {
                // The outcome is known: closing the open wait (if any) tells which execution waits, in one statement.
                outcome = @event.DetailType == DeliveryWasDelivered.DetailType ? DeliveryOutcomes.Delivered : DeliveryOutcomes.Canceled;
                executionId = await waits.CloseAsync(customerId, orderId, outcome, ct);
                if (executionId is null) return;
            }
            else
            {
                executionId = waits.FindOpen(customerId, orderId);
                if (executionId is null) return;
                outcome = await EndedDeliveryAsync(customerId, orderId, ct);
                if (outcome is null) return;
                await waits.CloseAsync(customerId, orderId, outcome, ct);
            }

            try
            {
                await workflows.SendTaskSuccessForExecutionAsync(executionId, new JsonObject { ["outcome"] = outcome }, ct);
            }
            catch (TaskTokenException ex)
            {
                // Timed out or stopped meanwhile: the execution has moved on (the timeout path cancels the delivery itself).
                logger.LogWarning("Delivery outcome {Outcome} of order {CustomerId}/{OrderId} came too late: {Error}", outcome, customerId, orderId, ex.Error);
            }
            catch (ConflictException ex)
            {
                // The execution waits for no callback any more: the same case, seen before its token was checked.
                logger.LogWarning("Delivery outcome {Outcome} of order {CustomerId}/{OrderId} came too late: {Error}", outcome, customerId, orderId, ex.Message);
            }
        }, cancellationToken);
    }

    /// <summary>The outcome, when the delivery ended before the order started waiting; null while it is under way.</summary>
    private async Task<string?> EndedDeliveryAsync(string customerId, string orderId, CancellationToken ct)
    {
        try
        {
            return (await mediator.Send(new DescribeDelivery(customerId, orderId), ct)).Status switch
            {
                DeliveryStatus.Delivered => DeliveryOutcomes.Delivered,
                DeliveryStatus.Canceled => DeliveryOutcomes.Canceled,
                _ => null,
            };
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
