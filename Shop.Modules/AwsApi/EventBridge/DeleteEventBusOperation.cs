using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DeleteEventBus</c>.</summary>
internal static class DeleteEventBusOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        await request.Services.GetRequiredService<EventRules>().DeleteBusAsync(request.Body.Required("Name", 256), cancellationToken);
        return null;
    }
}
