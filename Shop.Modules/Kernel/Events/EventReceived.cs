using Mediator;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// The mediator notification every committed event is delivered as. Handlers filter on
/// <see cref="EventEnvelope.DetailType"/> / <see cref="EventEnvelope.Source"/> and wrap their effect in
/// <see cref="HandleOnce"/>, so a redelivered event changes nothing.
/// </summary>
public sealed record EventReceived(EventEnvelope Event) : INotification;
