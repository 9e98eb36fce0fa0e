using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.CreateOrder;

internal sealed class CreateEventDrivenOrderHandler(IMediator mediator, UnitOfWork unitOfWork, IEventPublisher events, TimeProvider clock)
    : IRequestHandler<CreateEventDrivenOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(CreateEventDrivenOrder request, CancellationToken cancellationToken)
    {
        var customerId = Require.Id(request.CustomerId, "customerId");
        var itemId = Require.Id(request.ItemId, "itemId");
        // Refused up front (404) rather than left to fail down the chain, where nobody would see it.
        await mediator.Send(new DescribeCustomer(customerId), cancellationToken);
        await mediator.Send(new DescribeItem(itemId), cancellationToken);

        var orderId = NewOrderId(clock.GetUtcNow());
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var order = await mediator.Send(new WriteOrder(customerId, orderId, itemId, OrderStatus.Created, OrderMode.EventDriven), ct);
            var detail = new JsonObject { ["customerId"] = customerId, ["orderId"] = orderId, ["itemId"] = itemId };
            await events.PublishAsync(OrderEvents.Source, OrderEvents.OrderCreated, detail, cancellationToken: ct);
            return order;
        }, cancellationToken);
    }

    /// <summary>
    /// The seed's id is the creation time; a random suffix keeps orders created in the same millisecond
    /// apart. Not from IRandomSource: ids must stay unique when tests fix chance.
    /// </summary>
    internal static string NewOrderId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
}
