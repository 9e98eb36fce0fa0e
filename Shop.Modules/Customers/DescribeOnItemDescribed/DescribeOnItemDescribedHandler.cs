using Mediator;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.Customers.DescribeOnItemDescribed;

/// <summary>ItemDescribed → describe the customer → CustomerDescribed with <c>customer</c> (the delivery address), or ErrorCustomerDescribed.</summary>
internal sealed class DescribeOnItemDescribedHandler(Reaction reaction, IMediator mediator) : IEventHandler
{
    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        await reaction.RunAsync(notification.Event, nameof(DescribeOnItemDescribedHandler), CustomerEvents.Source, CustomerEvents.ErrorCustomerDescribed,
            async (detail, ct) =>
            {
                detail.With("customer", await mediator.Send(new DescribeCustomer(detail.Text("customerId")!), ct));
                return CustomerEvents.CustomerDescribed;
            }, cancellationToken);
    }
}
