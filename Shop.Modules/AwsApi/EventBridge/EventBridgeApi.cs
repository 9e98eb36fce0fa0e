using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>
/// EventBridge, AWS JSON 1.1 (<c>X-Amz-Target: AWSEvents.&lt;Operation&gt;</c>), over the shop's event store, buses
/// and rules (Kernel): no second store. State machine targets start the shop's workflows.
/// </summary>
internal static class EventBridgeApi
{
    public static IServiceCollection AddEventBridgeApi(this IServiceCollection services)
    {
        services.AddScoped<IRuleArnTarget, StateMachineTarget>();
        return services.AddAwsService("AWSEvents", AwsService.Json11, new Dictionary<string, AwsOperation>
        {
            ["PutEvents"] = EventOperations.PutEventsAsync,
            ["TestEventPattern"] = EventOperations.TestEventPatternAsync,
            ["ListEventBuses"] = BusOperations.ListAsync,
            ["CreateEventBus"] = BusOperations.CreateAsync,
            ["DescribeEventBus"] = BusOperations.DescribeAsync,
            ["DeleteEventBus"] = BusOperations.DeleteAsync,
            ["ListRules"] = RuleOperations.ListAsync,
            ["DescribeRule"] = RuleOperations.DescribeAsync,
            ["PutRule"] = RuleOperations.PutAsync,
            ["DeleteRule"] = RuleOperations.DeleteAsync,
            ["EnableRule"] = RuleOperations.EnableAsync,
            ["DisableRule"] = RuleOperations.DisableAsync,
            ["PutTargets"] = TargetOperations.PutAsync,
            ["RemoveTargets"] = TargetOperations.RemoveAsync,
            ["ListTargetsByRule"] = TargetOperations.ListAsync,
            ["CreateArchive"] = ArchiveOperations.CreateAsync,
            ["DescribeArchive"] = ArchiveOperations.DescribeAsync,
            ["ListArchives"] = ArchiveOperations.ListAsync,
            ["UpdateArchive"] = ArchiveOperations.UpdateAsync,
            ["DeleteArchive"] = ArchiveOperations.DeleteAsync,
            ["StartReplay"] = ReplayOperations.StartAsync,
            ["DescribeReplay"] = ReplayOperations.DescribeAsync,
            ["ListReplays"] = ReplayOperations.ListAsync,
            ["CancelReplay"] = ReplayOperations.CancelAsync,
        });
    }
}
