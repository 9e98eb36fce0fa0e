using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Fulfillment.Start;

/// <summary>
/// The fulfillment's input as the checkout sends it. It is kept as given (unknown fields travel on), but the fields
/// the workflows read are checked here, for POST /fulfillment and the generic start alike.
/// </summary>
internal static class FulfillmentInput
{
    /// <summary>
    /// The members of StartExecution besides <c>input</c>: <c>stateMachineArn</c> must be a state machine ARN (any
    /// region and account, as the seed's own <c>...:231418552723:stateMachine:demo</c>), <c>name</c> an execution name.
    /// </summary>
    public static string? StartExecutionShape(JsonObject wrapper)
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

    /// <summary>The generic start's check: what POST /fulfillment checks, the input being the workflow's own.</summary>
    internal static void ValidateInput(JsonNode? input)
    {
        if (input is not JsonObject fields) throw new InvalidInputException("input", "'input' must be a JSON object such as {\"paymentInstrumentType\": \"creditCard\"}.");
        Validate(fields);
    }

    public static void Validate(JsonObject input)
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
