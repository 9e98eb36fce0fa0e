using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.EventStore.PutEvents;
using Shop.Modules.EventStore.QueryEvents;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.EventStore;

/// <summary>
/// The event store's API (SCENARIOS §1.5) over Kernel's event table: EventBridge's PutEvents to publish, and
/// queries by who, detail-type, order and time.
/// </summary>
public static class EventStoreModule
{
    public static IServiceCollection AddEventStoreModule(this IServiceCollection services, IConfiguration configuration) =>
        // Storage and reads live in Kernel (IEventPublisher, IEventStore); the handlers come with the mediator.
        services;

    public static IEndpointRouteBuilder MapEventStoreEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/events").WithTags("Event store");
        events.MapPost("/", PutEventsEndpoint.Handle)
            .Accepts<PutEventsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("PutEvents: publish up to 10 events (EventBridge's request and answer)")
            .Mutates();
        events.MapGet("/", QueryEventsEndpoint.Handle)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Stored events filtered by who, detailType, source, orderId, bus (event bus name) and time range (from/to, ISO 8601, inclusive), in store order, paged");
        events.MapGet("/{eventId}", QueryEventsEndpoint.HandleOne)
            .WithSummary("One stored event by id");
        return endpoints;
    }
}
