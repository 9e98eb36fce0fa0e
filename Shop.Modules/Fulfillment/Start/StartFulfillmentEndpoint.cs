using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment.Start;

/// <summary>
/// <c>POST /fulfillment</c>: the checkout's call (the seed's API Gateway → StartExecution). The body is the
/// workflow's input, or Step Functions' StartExecution shape as the seed's API Gateway test sends it.
/// </summary>
internal static class StartFulfillmentEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", HandleAsync)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Starts the fulfillment workflow: {paymentInstrumentType, orderId?, sellerType? (1P|3P), shippingRegion?, fulfilledBy? (seller|shop), items?} → 202 {executionId}");

    private static async Task<Accepted<StartedExecution>> HandleAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, allowEmpty: false, ct);
        var name = (string?)null;
        // StartExecution's shape: the input as a JSON string, with the state machine's ARN (this route always starts
        // the fulfillment workflow) and an optional name.
        if (body is JsonObject wrapper && wrapper["input"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            name = FulfillmentInput.StartExecutionShape(wrapper);
            body = JsonBody.Parse(text.GetValue<string>(), "input");
        }
        if (body is not JsonObject input)
            throw new InvalidInputException("body", "The body must be a JSON object such as {\"paymentInstrumentType\": \"creditCard\"}.");

        var started = await sender.Send(new StartFulfillment(input, name), ct);
        return TypedResults.Accepted($"/workflows/executions/{started.ExecutionId}", started);
    }
}
