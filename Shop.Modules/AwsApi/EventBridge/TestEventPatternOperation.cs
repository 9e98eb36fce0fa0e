using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.TestEventPattern</c>: the shop's own matcher (Kernel/Patterns), as rules use it.</summary>
internal static class TestEventPatternOperation
{
    public static Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
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
            throw RuleShared.InvalidPattern(e);
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
