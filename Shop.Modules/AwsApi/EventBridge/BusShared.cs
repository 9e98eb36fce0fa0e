using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Aws;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>What ListEventBuses, CreateEventBus, DescribeEventBus, DeleteEventBus share (each is its own XOperation.cs).</summary>
internal static class BusShared
{
    internal static JsonObject Render(string name, AwsArns arns) => new() { ["Name"] = name, ["Arn"] = arns.EventBus(name) };
}
