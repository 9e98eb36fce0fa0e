using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.Workflows;

/// <summary>
/// Checks a workflow's input before the generic start (<c>POST /workflows/{name}/executions</c>) creates an
/// execution, so that start refuses what the workflow's own endpoint refuses (400 naming the field) instead of
/// failing later inside a step. Throw an <c>InvalidInputException</c> to refuse.
/// </summary>
public sealed record WorkflowInputValidator(string Workflow, Action<JsonNode?> Validate);

public static class WorkflowInputValidation
{
    public static IServiceCollection AddWorkflowInputValidator(this IServiceCollection services, string workflow, Action<JsonNode?> validate) =>
        services.AddSingleton(new WorkflowInputValidator(workflow, validate));
}
