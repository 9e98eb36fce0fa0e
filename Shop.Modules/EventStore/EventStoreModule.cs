using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.EventStore.Describe;
using Shop.Modules.EventStore.PutEvents;
using Shop.Modules.EventStore.QueryEvents;

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
        // Filters, ids and bodies are checked: a malformed one is a 400 that names it.
        var events = endpoints.MapGroup("/events").WithTags("Event store").ProducesProblem(StatusCodes.Status400BadRequest);
        PutEventsEndpoint.Map(events);
        FindEventsEndpoint.Map(events);
        DescribeEventEndpoint.Map(events);
        return endpoints;
    }
}
