using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.Workflows.Resources;

/// <summary>
/// <c>arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem</c> (errors <c>DynamoDB.{Code}</c>, results with
/// the SDK's HTTP metadata) and <c>arn:aws:states:::aws-sdk:dynamodb:{action}</c> (also query and scan; errors
/// <c>DynamoDb.{Code}</c>): the local item store, in the step's unit of work (a write commits with the step).
/// </summary>
internal sealed class DynamoDbTaskResource : ITaskResource
{
    private const string Optimized = "arn:aws:states:::dynamodb:";
    private const string Sdk = "arn:aws:states:::aws-sdk:dynamodb:";
    private static readonly HashSet<string> OptimizedActions = ["getItem", "putItem", "updateItem", "deleteItem"];
    private static readonly HashSet<string> SdkActions = ["getItem", "putItem", "updateItem", "deleteItem", "query", "scan"];

    public bool Serves(string resource) =>
        (resource.StartsWith(Optimized, StringComparison.Ordinal) && OptimizedActions.Contains(resource[Optimized.Length..]))
        || (resource.StartsWith(Sdk, StringComparison.Ordinal) && SdkActions.Contains(resource[Sdk.Length..]));

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var optimized = invocation.Resource.StartsWith(Optimized, StringComparison.Ordinal);
        var action = invocation.Resource[(optimized ? Optimized : Sdk).Length..];
        var prefix = optimized ? "DynamoDB." : "DynamoDb.";
        var input = ResourceResponses.Object(invocation.Input, invocation.Resource);
        try
        {
            var result = await RunAsync(invocation.Step.Mediator, action, input, prefix, cancellationToken);
            return optimized ? ResourceResponses.WithSdkMetadata(result) : result;
        }
        catch (TableException error)
        {
            var code = error.ErrorCode ?? TableErrors.Validation;
            throw new StepFailedException(prefix + code, optimized
                ? $"{error.Message} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: {code}; Request ID: {Guid.NewGuid()}; Proxy: null)"
                : $"{error.Message} (Service: DynamoDb, Status Code: 400, Request ID: {Guid.NewGuid()})");
        }
        catch (DomainException error)
        {
            throw new StepFailedException(prefix + (error.ErrorCode ?? TableErrors.Validation), error.Message);
        }
    }

    private static async Task<JsonObject> RunAsync(IMediator mediator, string action, JsonObject input, string prefix, CancellationToken cancellationToken)
    {
        var validation = prefix + TableErrors.Validation;
        var table = ResourceResponses.String(input, "TableName", validation);
        var arguments = Arguments(input, validation);
        string? Text(string member) => ResourceResponses.OptionalString(input, member, validation);
        JsonObject? Map(string member) => input[member] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new StepFailedException(validation, $"The parameter '{member}' must be an object."),
        };
        JsonObject Key() => Map("Key") ?? throw new StepFailedException(validation, "The parameter 'Key' is required.");
        var returnValues = Text("ReturnValues") ?? ReturnValues.None;
        int? limit = input["Limit"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : null;

        switch (action)
        {
            case "getItem":
                var got = await mediator.Send(new GetItem(table, Key(), Text("ProjectionExpression"), arguments), cancellationToken);
                return got.Item is null ? new JsonObject() : new JsonObject { ["Item"] = got.Item.DeepClone() };
            case "putItem":
                return Attributes(await mediator.Send(new PutItem(table, Map("Item") ?? throw new StepFailedException(validation, "The parameter 'Item' is required."),
                    Text("ConditionExpression"), arguments, returnValues), cancellationToken));
            case "updateItem":
                return Attributes(await mediator.Send(new UpdateItem(table, Key(), Text("UpdateExpression"), Text("ConditionExpression"), arguments, returnValues), cancellationToken));
            case "deleteItem":
                return Attributes(await mediator.Send(new DeleteItem(table, Key(), Text("ConditionExpression"), arguments, returnValues), cancellationToken));
            case "query":
                return Page(await mediator.Send(new Query(table, ResourceResponses.String(input, "KeyConditionExpression", validation), Text("FilterExpression"),
                    Text("ProjectionExpression"), arguments, limit, Map("ExclusiveStartKey"), input["ScanIndexForward"] is not JsonValue f || f.GetValue<bool>()), cancellationToken));
            default:
                return Page(await mediator.Send(new Scan(table, Text("FilterExpression"), Text("ProjectionExpression"), arguments, limit, Map("ExclusiveStartKey")), cancellationToken));
        }
    }

    private static ExpressionArguments Arguments(JsonObject input, string validation)
    {
        var names = input["ExpressionAttributeNames"] switch
        {
            null => null,
            JsonObject o => o.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : throw new StepFailedException(validation, $"ExpressionAttributeNames.{p.Key} must be a string.")),
            _ => throw new StepFailedException(validation, "ExpressionAttributeNames must be an object."),
        };
        var values = input["ExpressionAttributeValues"] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new StepFailedException(validation, "ExpressionAttributeValues must be an object."),
        };
        return new ExpressionArguments(names, values);
    }

    private static JsonObject Attributes(ItemResult result) =>
        result.Item is null ? new JsonObject() : new JsonObject { ["Attributes"] = result.Item.DeepClone() };

    private static JsonObject Page(ItemPage page)
    {
        var result = new JsonObject
        {
            ["Count"] = page.Items.Count,
            ["Items"] = new JsonArray(page.Items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
            ["ScannedCount"] = page.ScannedCount,
        };
        if (page.LastEvaluatedKey is { } last) result["LastEvaluatedKey"] = last.DeepClone();
        return result;
    }
}
