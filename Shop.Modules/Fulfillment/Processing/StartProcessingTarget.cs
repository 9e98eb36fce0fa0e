using System.Text.Json.Nodes;
using Shop.Modules.Fulfillment.Contracts;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment.Processing;

/// <summary>The rule's target: starts fulfillment processing with the transformed input <c>{"Input": detail}</c>, named by the order.</summary>
internal sealed class StartProcessingTarget(IWorkflowEngine engine) : IRuleTarget
{
    public string Name => FulfillmentEvents.ProcessingTarget;

    public async Task InvokeAsync(RuleInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Input is not JsonObject { } input || input["Input"] is not JsonObject detail)
            throw new InvalidInputException("Input", $"Rule '{invocation.Rule}' must hand {Name} an object {{\"Input\": {{...}}}}.");
        var name = detail.Text("orderId") ?? invocation.Event.Id;
        await engine.StartAsync(FulfillmentEvents.ProcessingWorkflow, input, name, cancellationToken);
    }
}
