using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>
/// A rule target <c>arn:aws:states:...:stateMachine:&lt;name&gt;</c> starts an execution of that workflow with the
/// target's input (the event, or what Input / InputPath / InputTransformer made of it), inside the unit of work
/// that marks the rule's target as having handled the event: one event, one execution.
/// </summary>
internal sealed class StateMachineTarget(IWorkflowEngine engine) : IRuleArnTarget
{
    public bool Accepts(string arn) => AwsArns.Parts(arn, "states", "stateMachine") is [{ Length: > 0 }];

    public async Task InvokeAsync(string arn, RuleInvocation invocation, CancellationToken cancellationToken)
    {
        var name = AwsArns.Parts(arn, "states", "stateMachine")![0];
        var input = invocation.Input switch
        {
            JsonObject or JsonArray => invocation.Input,
            // Step Functions takes a JSON object or array; a scalar the transformer made is wrapped, not dropped.
            _ => new JsonObject { ["input"] = invocation.Input?.DeepClone() },
        };
        await engine.StartAsync(name, input, cancellationToken: cancellationToken);
    }
}
