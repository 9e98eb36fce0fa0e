using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Fulfillment.Authorize;
using Shop.Modules.Fulfillment.Contracts;
using Shop.Modules.Fulfillment.Processing;
using Shop.Modules.Fulfillment.Start;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment;

/// <summary>
/// Seed 002: <c>POST /fulfillment</c> starts the fulfillment workflow (payment authorization); its
/// <c>PaymentAuthorizationIsDone</c> event goes through a rule (pattern + input transformer) that starts the
/// fulfillment processing workflow, which answers the seed's business questions.
/// </summary>
public static class FulfillmentModule
{
    public static IServiceCollection AddFulfillmentModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflow(PaymentAuthorizationWorkflow.Definition);
        services.AddWorkflow(FulfillmentProcessingWorkflow.Definition);
        services.AddWorkflowInputValidator(FulfillmentEvents.FulfillmentWorkflow, FulfillmentInput.ValidateInput);
        // Started by the rule with {"Input": detail}: the detail is the fulfillment workflow's input, checked alike.
        services.AddWorkflowInputValidator(FulfillmentEvents.ProcessingWorkflow, input => FulfillmentInput.ValidateInput(
            input is System.Text.Json.Nodes.JsonObject o ? o["Input"] : throw new Kernel.Http.InvalidInputException("input", "'input' must be an object {\"Input\": {...}}.")));
        services.AddScoped<IRuleTarget, StartProcessingTarget>();
        // The seed's EventBridge rule: the pattern filters authorized payments, the transformer wraps the detail as {"Input": ...}.
        services.AddRule(FulfillmentEvents.PaymentAuthorizedRule,
            """{"source":["fulfillment"],"detail-type":["PaymentAuthorizationIsDone"],"detail":{"paymentAuthorized":[true]}}""",
            FulfillmentEvents.ProcessingTarget,
            TargetInput.Transformer(new Dictionary<string, string> { ["detail"] = "$.detail" }, """{"Input": <detail>}"""));
        return services;
    }

    public static IEndpointRouteBuilder MapFulfillmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The input is checked field by field: a malformed one is a 400 that names it.
        var group = endpoints.MapGroup("/fulfillment").WithTags("Fulfillment").ProducesProblem(StatusCodes.Status400BadRequest);
        StartFulfillmentEndpoint.Map(group);
        return endpoints;
    }
}
