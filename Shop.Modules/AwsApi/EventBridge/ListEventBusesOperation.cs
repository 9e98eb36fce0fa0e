using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.ListEventBuses</c>.</summary>
internal static class ListEventBusesOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.Body.Text("NamePrefix", 256);
        var (offset, limit) = request.Body.Page();
        var arns = request.Services.GetRequiredService<AwsArns>();
        var buses = (await request.Services.GetRequiredService<EventRules>().ListBusesAsync(cancellationToken))
            .Where(b => prefix is null || b.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return Members.PageOf(buses, offset, limit, "EventBuses", b => BusShared.Render(b.Name, arns));
    }
}
