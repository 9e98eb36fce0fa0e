using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Tables.Contracts;

namespace Shop.Modules.AwsApi.DynamoDb;

/// <summary>
/// DynamoDB (AWS JSON 1.0, <c>X-Amz-Target: DynamoDB_20120810.{Operation}</c>) over the Tables module: maps each
/// X-Amz-Target to its operation (one file each: XOperation.cs), table operations and item operations with expressions. Errors carry DynamoDB's qualified <c>__type</c>.
/// </summary>
internal static class DynamoDbApi
{
    public const string TargetPrefix = "DynamoDB_20120810";

    public static IServiceCollection AddDynamoDbApi(this IServiceCollection services) =>
        services.AddAwsService(TargetPrefix, AwsService.Json10, new Dictionary<string, AwsOperation>(StringComparer.Ordinal)
        {
            ["CreateTable"] = Wrap(CreateTableOperation.HandleAsync),
            ["DescribeTable"] = Wrap(DescribeTableOperation.HandleAsync),
            ["DeleteTable"] = Wrap(DeleteTableOperation.HandleAsync),
            ["ListTables"] = Wrap(ListTablesOperation.HandleAsync),
            ["PutItem"] = Wrap(PutItemOperation.HandleAsync),
            ["GetItem"] = Wrap(GetItemOperation.HandleAsync),
            ["UpdateItem"] = Wrap(UpdateItemOperation.HandleAsync),
            ["DeleteItem"] = Wrap(DeleteItemOperation.HandleAsync),
            ["Scan"] = Wrap(ScanOperation.HandleAsync),
            ["Query"] = Wrap(QueryOperation.HandleAsync),
        });

    /// <summary>DynamoDB answers <c>com.amazonaws.dynamodb.v20120810#Code</c> in <c>__type</c>; the SDKs keep the part after '#'.</summary>
    private static AwsOperation Wrap(AwsOperation operation) => async (request, cancellationToken) =>
    {
        try
        {
            return await operation(request, cancellationToken);
        }
        catch (TableException error)
        {
            throw new AwsException(DynamoDbJson.Qualified(error.ErrorCode ?? TableErrors.Validation), error.Message);
        }
        catch (AwsException error) when (!error.Code.Contains('#', StringComparison.Ordinal))
        {
            throw new AwsException(DynamoDbJson.Qualified(error.Code), error.Message, error.StatusCode);
        }
    };
}
