using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DescribeEventBus</c>.</summary>
internal static class DescribeEventBusOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var name = await request.Services.GetRequiredService<EventRules>().RequireBusAsync(request.Body.Text("Name", 1600), cancellationToken);
        return BusShared.Render(name, request.Services.GetRequiredService<AwsArns>());
    }
}
