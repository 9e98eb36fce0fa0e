using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;

namespace Shop.Modules.Workflows.Asl;

/// <summary>The context object <c>$$</c>, built from the engine's <see cref="StateContext"/> with AWS's ARNs and time format.</summary>
internal sealed class AslContextObject(AwsArns arns, IOptionsMonitor<AwsSettings> aws)
{
    public JsonObject Build(StateContext context)
    {
        var machine = RootMachine(context.Workflow);
        var result = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = arns.Execution(machine, context.ExecutionName),
                ["Input"] = context.ExecutionInput?.DeepClone(),
                ["Name"] = context.ExecutionName,
                ["RoleArn"] = $"arn:aws:iam::{aws.CurrentValue.AccountId}:role/shop",
                ["StartTime"] = Timestamps.Format(context.StartTime),
            },
            ["State"] = new JsonObject
            {
                ["EnteredTime"] = Timestamps.Format(context.EnteredTime),
                ["Name"] = context.StateName,
                ["RetryCount"] = context.RetryCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = arns.StateMachine(machine),
                ["Name"] = machine,
            },
        };
        if (context.TaskToken is { } token) result["Task"] = new JsonObject { ["Token"] = token };
        if (context.MapItemIndex is { } index)
            result["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = context.MapItemValue?.DeepClone() } };
        return result;
    }

    /// <summary>Branches and iterations run as child workflows named "machine/State/i": $$ names the machine.</summary>
    internal static string RootMachine(string workflow)
    {
        var slash = workflow.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? workflow : workflow[..slash];
    }
}
