using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Aws;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>What these operations share, each in its own XOperation.cs: ListEventBuses, CreateEventBus, DescribeEventBus, DeleteEventBus.</summary>
internal static class BusShared
{
    internal static JsonObject Render(string name, AwsArns arns) => new() { ["Name"] = name, ["Arn"] = arns.EventBus(name) };
}
