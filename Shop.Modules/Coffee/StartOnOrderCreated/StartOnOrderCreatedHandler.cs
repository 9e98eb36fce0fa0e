using System.Text.Json;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Coffee.Processing;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Modules.Coffee.StartOnOrderCreated;

/// <summary>
/// A coffee OrderCreated on the bus (from <c>POST /events</c> with the seed's detail, or our own) starts the
/// barista workflow. The retail shop's OrderCreated (another source) is not ours. A malformed detail is
/// logged and skipped: throwing would make the dispatcher redeliver it forever.
/// </summary>
internal sealed class StartOnOrderCreatedHandler(IWorkflowEngine engine, HandleOnce once, CoffeeDbContext db, Microsoft.Extensions.Logging.ILogger<StartOnOrderCreatedHandler> logger)
    : IEventHandler
{
    /// <summary>The name this handler's once-only record goes by (<see cref="HandleOnce"/>).</summary>
    public const string HandlerName = "Coffee.StartOrderProcessing";

    public async ValueTask Handle(EventReceived notification, CancellationToken cancellationToken)
    {
        var envelope = notification.Event;

        CoffeeOrder order;
        try
        {
            order = CoffeeOrder.Read(envelope.Detail);
        }
        catch (Kernel.Http.InvalidInputException ex)
        {
            Log.Skipped(logger, envelope.Id, ex.Message);
            return;
        }

        var input = JsonSerializer.SerializeToNode(envelope, EventEnvelope.Json)!;
        // Once per event (a redelivery starts nothing); a new OrderCreated for an order whose execution ended starts its next attempt.
        await once.RunAsync(envelope, HandlerName, async ct =>
        {
            var (name, _) = await DrinkAttempts.NextExecutionNameAsync(db, order.OrderId, ct);
            if (name is null)
            {
                Log.InProgress(logger, envelope.Id, order.OrderId);
                return;
            }
            try
            {
                await engine.StartAsync(BaristaWorkflow.Name, input, name, ct);
            }
            catch (Kernel.Http.DomainException e) when (DrinkAttempts.IsAlreadyStarted(e))
            {
                // Started a moment ago by POST /coffee/orders (its execution has not recorded the drink yet).
                Log.InProgress(logger, envelope.Id, order.OrderId);
            }
        }, cancellationToken);
    }
}

internal static partial class Log
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Coffee OrderCreated {EventId} skipped: {Problem}")]
    public static partial void Skipped(Microsoft.Extensions.Logging.ILogger logger, string eventId, string problem);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Coffee OrderCreated {EventId} starts nothing: order {OrderId} is being processed")]
    public static partial void InProgress(Microsoft.Extensions.Logging.ILogger logger, string eventId, string orderId);
}
