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
            ["PutEvents"] = PutEventsOperation.HandleAsync,
            ["TestEventPattern"] = TestEventPatternOperation.HandleAsync,
            ["ListEventBuses"] = ListEventBusesOperation.HandleAsync,
            ["CreateEventBus"] = CreateEventBusOperation.HandleAsync,
            ["DescribeEventBus"] = DescribeEventBusOperation.HandleAsync,
            ["DeleteEventBus"] = DeleteEventBusOperation.HandleAsync,
            ["ListRules"] = ListRulesOperation.HandleAsync,
            ["DescribeRule"] = DescribeRuleOperation.HandleAsync,
            ["PutRule"] = PutRuleOperation.HandleAsync,
            ["DeleteRule"] = DeleteRuleOperation.HandleAsync,
            ["EnableRule"] = EnableRuleOperation.HandleAsync,
            ["DisableRule"] = DisableRuleOperation.HandleAsync,
            ["PutTargets"] = PutTargetsOperation.HandleAsync,
            ["RemoveTargets"] = RemoveTargetsOperation.HandleAsync,
            ["ListTargetsByRule"] = ListTargetsByRuleOperation.HandleAsync,
            ["CreateArchive"] = CreateArchiveOperation.HandleAsync,
            ["DescribeArchive"] = DescribeArchiveOperation.HandleAsync,
            ["ListArchives"] = ListArchivesOperation.HandleAsync,
            ["UpdateArchive"] = UpdateArchiveOperation.HandleAsync,
            ["DeleteArchive"] = DeleteArchiveOperation.HandleAsync,
            ["StartReplay"] = StartReplayOperation.HandleAsync,
            ["DescribeReplay"] = DescribeReplayOperation.HandleAsync,
            ["ListReplays"] = ListReplaysOperation.HandleAsync,
            ["CancelReplay"] = CancelReplayOperation.HandleAsync,
        });
    }
}
