using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Events;

/// <summary>
/// One step of a choreography: a module reacts to an event and publishes the next one, with the detail it
/// received grown by what it adds. The step's effect, the event it publishes and the handler's "handled"
/// mark commit together (<see cref="HandleOnce"/>, Invariant 2). A domain error (unknown entity, no stock,
/// malformed detail) is an answer, not a crash: the step's writes are rolled back and the failure event is
/// published with <c>error</c> in its detail, so one bad event never stalls the dispatcher.
/// </summary>
public sealed class Reaction
{
    private readonly HandleOnce _once;
    private readonly IEventPublisher _events;
    private readonly ShopConnection _connection;

    internal Reaction(HandleOnce once, IEventPublisher events, ShopConnection connection)
    {
        _once = once;
        _events = events;
        _connection = connection;
    }

    /// <param name="step">
    /// Does the effect on a copy of the detail, adds to it, and returns the detail-type to publish, or null
    /// when it publishes nothing itself (e.g. the request it sent already did).
    /// </param>
    /// <returns>False when this handler had already handled the event.</returns>
    public Task<bool> RunAsync(EventEnvelope @event, string handler, string source, string failed,
        Func<JsonObject, CancellationToken, Task<string?>> step, CancellationToken cancellationToken) =>
        _once.RunAsync(@event, handler, async ct =>
        {
            var detail = @event.Detail.Copy();
            var transaction = _connection.Transaction!;
            await transaction.SaveAsync(nameof(Reaction), ct);
            string? detailType;
            try
            {
                detailType = await step(detail, ct);
                await transaction.ReleaseAsync(nameof(Reaction), ct);
            }
            catch (Exception ex) when (AsDomainError(ex) is { } error)
            {
                await transaction.RollbackAsync(nameof(Reaction), ct);
                detail = @event.Detail.Copy().WithError(error);
                detailType = failed;
            }
            if (detailType is not null) await _events.PublishAsync(source, detailType, detail, cancellationToken: ct);
        }, cancellationToken);

    /// <summary>
    /// A value in the detail the step cannot take (a number out of range, a wrong type, unreadable text) is the
    /// event's fault, not the shop's: it is answered like any domain error instead of being retried.
    /// </summary>
    private static DomainException? AsDomainError(Exception exception) => exception switch
    {
        DomainException domain => domain,
        FormatException or OverflowException or System.Text.Json.JsonException or ArgumentException =>
            new InvalidInputException("detail", $"The event's detail holds a value this step cannot take: {exception.Message}"),
        _ => null,
    };
}
