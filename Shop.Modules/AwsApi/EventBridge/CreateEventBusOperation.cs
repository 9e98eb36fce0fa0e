using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.CreateEventBus</c>.</summary>
internal static class CreateEventBusOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var name = request.Body.Required("Name", 256);
        if (request.Body["EventSourceName"] is not null)
            throw AwsException.Validation("EventSourceName (partner event buses) is not supported by the shop.");
        await request.Services.GetRequiredService<EventRules>().CreateBusAsync(name, cancellationToken);
        return new JsonObject { ["EventBusArn"] = request.Services.GetRequiredService<AwsArns>().EventBus(name) };
    }
}
