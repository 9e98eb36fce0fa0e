namespace Shop.Modules.Kernel.Events;

/// <summary>
/// A committed event as the dispatcher hands it to one subscriber. Only the events a handler declared
/// (<see cref="EventSubscriptions.AddReaction{THandler}(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, string)"/>)
/// reach it; handlers wrap their effect in <see cref="HandleOnce"/>, so a redelivered event changes nothing.
/// </summary>
public sealed record EventReceived(EventEnvelope Event);

/// <summary>A reaction to events on the bus, declared with <c>AddReaction</c> where its module wires itself.</summary>
public interface IEventHandler
{
    ValueTask Handle(EventReceived notification, CancellationToken cancellationToken);
}
