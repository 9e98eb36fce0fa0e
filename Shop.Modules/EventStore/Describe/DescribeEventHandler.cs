using Mediator;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Modules.EventStore.Describe;

/// <summary>One stored event by id, or null.</summary>
internal sealed record DescribeEvent(string EventId) : IRequest<EventStoreItem?>;

internal sealed class DescribeEventHandler(IEventStore store) : IRequestHandler<DescribeEvent, EventStoreItem?>
{
    public async ValueTask<EventStoreItem?> Handle(DescribeEvent request, CancellationToken cancellationToken) =>
        await store.FindAsync(request.EventId, cancellationToken) is { } stored ? EventStoreItem.From(stored) : null;
}
