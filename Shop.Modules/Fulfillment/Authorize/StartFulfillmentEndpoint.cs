using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Modules.Fulfillment.Contracts;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment.Authorize;

/// <summary>
/// The checkout's call (the seed's API Gateway → StartExecution). The input is kept as given (unknown fields
/// travel on), but the fields the workflows read are checked here; an order id is added when missing so both
/// workflows' executions carry it as their name.
/// </summary>
internal static class StartFulfillmentEndpoint
{
    /// <summary>Fulfillments running at once (<c>Fulfillment:MaxRunning</c>): the demo's checkout is not a load generator.</summary>
    public const int DefaultMaxRunning = 1000;

    public static async Task<Accepted<StartedExecution>> HandleAsync(HttpRequest request, IWorkflowEngine engine, UnitOfWork unitOfWork,
        Microsoft.Extensions.Configuration.IConfiguration configuration, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, allowEmpty: false, ct);
        var name = (string?)null;
        // Step Functions' StartExecution shape, as the seed's API Gateway test sends it: the input as a JSON string,
        // with the state machine's ARN (this route always starts the fulfillment workflow) and an optional name.
        if (body is JsonObject wrapper && wrapper["input"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            name = StartExecutionShape(wrapper);
            body = ParseInputText(text.GetValue<string>());
        }
        if (body is not JsonObject input)
            throw new InvalidInputException("body", "The body must be a JSON object such as {\"paymentInstrumentType\": \"creditCard\"}.");

        Validate(input);
        input["orderId"] ??= name ?? "F-" + Guid.NewGuid().ToString("N")[..12];
        var maxRunning = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "Fulfillment:MaxRunning", DefaultMaxRunning);
        if (await engine.CountRunningAsync(FulfillmentEvents.FulfillmentWorkflow, ct) >= maxRunning)
            throw new TooManyRequestsException("Too many fulfillments", $"{maxRunning} fulfillments are running; try again once some have ended.");
        var started = await unitOfWork.ExecuteAsync(c => engine.StartAsync(FulfillmentEvents.FulfillmentWorkflow, input, name ?? (string)input["orderId"]!, c), ct);
        return TypedResults.Accepted($"/workflows/executions/{started.ExecutionId}", started);
    }

    /// <summary>
    /// The members of StartExecution besides <c>input</c>: <c>stateMachineArn</c> must be a state machine ARN (any
    /// region and account, as the seed's own <c>...:231418552723:stateMachine:demo</c>), <c>name</c> an execution name.
    /// </summary>
    private static string? StartExecutionShape(JsonObject wrapper)
    {
        foreach (var (member, _) in wrapper)
            if (member is not ("input" or "stateMachineArn" or "name" or "traceHeader"))
                throw new InvalidInputException(member, $"'{member}' is not a StartExecution member; expected input, stateMachineArn, name and traceHeader.");
        if (OptionalString(wrapper, "stateMachineArn", 2048) is { } arn && AwsArns.Parts(arn, "states", "stateMachine") is not [_])
            throw new InvalidInputException("stateMachineArn", "'stateMachineArn' must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>).");
        var name = OptionalString(wrapper, "name", 80);
        if (name is not null) Require.Id(name, "name");
        return name;
    }

    private static JsonNode? ParseInputText(string text) => JsonBody.Parse(text, "input");

    /// <summary>The generic start's check: what this endpoint checks, the input being the workflow's own.</summary>
    internal static void ValidateInput(JsonNode? input)
    {
        if (input is not JsonObject fields) throw new InvalidInputException("input", "'input' must be a JSON object such as {\"paymentInstrumentType\": \"creditCard\"}.");
        Validate(fields);
    }

    private static void Validate(JsonObject input)
    {
        OptionalString(input, "paymentInstrumentType", 50);
        if (OptionalString(input, "orderId", 100) is { } orderId) Require.Id(orderId, "orderId");
        if (OptionalString(input, "sellerType", 10) is { } seller && seller is not (Processing.FulfillmentRules.FirstParty or Processing.FulfillmentRules.ThirdParty))
            throw new InvalidInputException("sellerType", "'sellerType' must be \"1P\" (sold by the shop) or \"3P\" (sold by a third-party seller).");
        if (OptionalString(input, "sellerId", 100) is { } sellerId) Require.Id(sellerId, "sellerId");
        OptionalString(input, "shippingRegion", 50);
        if (OptionalString(input, "fulfilledBy", 10) is { } by && by is not (Processing.FulfillmentRules.BySeller or Processing.FulfillmentRules.ByShop))
            throw new InvalidInputException("fulfilledBy", "'fulfilledBy' must be \"seller\" or \"shop\".");
        if (input["items"] is null) return;
        if (input["items"] is not JsonArray items || items.Count > 100)
            throw new InvalidInputException("items", "'items' must be an array of at most 100 {sku, quantity, unitPrice}.");
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"items[{i}]";
            if (items[i] is not JsonObject item) throw new InvalidInputException(field, $"'{field}' must be an object {{sku, quantity, unitPrice}}.");
            Require.Id(OptionalString(item, "sku", 100, $"{field}.sku"), $"{field}.sku");
            if (item["quantity"] is not JsonValue q || q.GetValueKind() != JsonValueKind.Number || !q.TryGetValue<int>(out var quantity) || quantity is < 1 or > 10_000)
                throw new InvalidInputException($"{field}.quantity", $"'{field}.quantity' must be a whole number from 1 to 10000.");
            if (item["unitPrice"] is not JsonValue p || p.GetValueKind() != JsonValueKind.Number || !p.TryGetValue<decimal>(out var price) || price is < 0 or > 1_000_000m)
                throw new InvalidInputException($"{field}.unitPrice", $"'{field}.unitPrice' must be a number from 0 to 1000000.");
        }
    }

    private static string? OptionalString(JsonObject input, string name, int maxLength, string? field = null)
    {
        field ??= name;
        return input[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length <= maxLength => v.GetValue<string>(),
            _ => throw new InvalidInputException(field, $"'{field}' must be a string of at most {maxLength} characters."),
        };
    }
}
