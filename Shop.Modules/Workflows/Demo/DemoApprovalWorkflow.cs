using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Demo;

/// <summary>
/// "Demo.Approval" (only with <c>Workflows:Demo</c> = true): waits for a person to answer a callback, e.g. from
/// the admin console's execution page. Shows the wait-for-callback state without any other module.
/// </summary>
internal static class DemoApprovalWorkflow
{
    public const string Name = "Demo.Approval";

    public static WorkflowDefinition Definition { get; } = Workflow.Define(Name)
        .Comment("Waits for an operator's approval (send task success or failure by execution id).")
        .Pass("Prepare", p => p.Result(new JsonObject { ["requested"] = true }).ResultPath("$.approval").Next("Wait for approval"))
        .WaitForCallback("Wait for approval", (_, _) => Task.CompletedTask, s => s
            .TimeoutSeconds(3600)
            .ResultPath("$.answer")
            .Catch(["Rejected"], "Rejected", "$.error")
            .Next("Approved"))
        .Fail("Rejected", "Rejected", "The operator rejected it")
        .Succeed("Approved")
        .Build();
}
