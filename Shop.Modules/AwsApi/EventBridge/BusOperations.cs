using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>ListEventBuses, CreateEventBus, DescribeEventBus, DeleteEventBus.</summary>
internal static class BusOperations
{
    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.Body.Text("NamePrefix", 256);
        var (offset, limit) = request.Body.Page();
        var arns = request.Services.GetRequiredService<AwsArns>();
        var buses = (await request.Services.GetRequiredService<EventRules>().ListBusesAsync(cancellationToken))
            .Where(b => prefix is null || b.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return Members.PageOf(buses, offset, limit, "EventBuses", b => Render(b.Name, arns));
    }

    public static async Task<JsonNode?> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var name = request.Body.Required("Name", 256);
        if (request.Body["EventSourceName"] is not null)
            throw AwsException.Validation("EventSourceName (partner event buses) is not supported by the shop.");
        await request.Services.GetRequiredService<EventRules>().CreateBusAsync(name, cancellationToken);
        return new JsonObject { ["EventBusArn"] = request.Services.GetRequiredService<AwsArns>().EventBus(name) };
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var name = await request.Services.GetRequiredService<EventRules>().RequireBusAsync(request.Body.Text("Name", 1600), cancellationToken);
        return Render(name, request.Services.GetRequiredService<AwsArns>());
    }

    public static async Task<JsonNode?> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        await request.Services.GetRequiredService<EventRules>().DeleteBusAsync(request.Body.Required("Name", 256), cancellationToken);
        return null;
    }

    private static JsonObject Render(string name, AwsArns arns) => new() { ["Name"] = name, ["Arn"] = arns.EventBus(name) };
}
