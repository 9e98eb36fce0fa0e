using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>PutEvents (the event store's own reading, validation and limits, as <c>POST /events</c>) and TestEventPattern (the shop's matcher).</summary>
internal static class EventOperations
{
    public static async Task<JsonNode?> PutEventsAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        if (request.Body["EndpointId"] is not null)
            throw AwsException.Validation("EndpointId (global endpoints) is not supported by the shop; leave it out.");
        var result = await request.Services.GetRequiredService<ISender>().Send(new PutEventsJson(request.Body), cancellationToken);
        return JsonSerializer.SerializeToNode(result);
    }

    public static Task<JsonNode?> TestEventPatternAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var patternText = request.Body.Required("EventPattern", 4096);
        var eventText = request.Body.Required("Event", 256 * 1024);
        EventPattern pattern;
        try
        {
            pattern = EventPattern.Parse(patternText);
        }
        catch (InvalidEventPatternException e)
        {
            throw RuleOperations.InvalidPattern(e);
        }
        JsonNode? evt;
        try
        {
            evt = JsonNode.Parse(eventText);
        }
        catch (JsonException e)
        {
            throw AwsException.Validation("Parameter Event is not valid: " + e.Message);
        }
        if (evt is not JsonObject) throw AwsException.Validation("Parameter Event is not valid: it must be a JSON object (source, detail-type, detail, ...).");
        return Task.FromResult<JsonNode?>(new JsonObject { ["Result"] = pattern.Matches(evt) });
    }
}
