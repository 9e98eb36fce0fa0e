using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.EventStore.Contracts;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.PutEvents</c>: the event store's own reading, validation and limits, as <c>POST /events</c> (<see cref="PutEventsJson"/>).</summary>
internal static class PutEventsOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        if (request.Body["EndpointId"] is not null)
            throw AwsException.Validation("EndpointId (global endpoints) is not supported by the shop; leave it out.");
        var result = await request.Services.GetRequiredService<ISender>().Send(new PutEventsJson(request.Body), cancellationToken);
        return JsonSerializer.SerializeToNode(result);
    }
}
