using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Tables.Contracts;

/// <summary>The error names DynamoDB answers with (also the step error a workflow's Catch matches, prefixed "DynamoDB.").</summary>
public static class TableErrors
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceInUse = "ResourceInUseException";
    public const string ConditionalCheckFailed = "ConditionalCheckFailedException";
    public const string Validation = "ValidationException";
}

/// <summary>A refused table request; <see cref="DomainException.ErrorCode"/> is DynamoDB's error name (all are 400s there).</summary>
public sealed class TableException : DomainException
{
    public TableException(string code, string message)
        : base(code, message)
    {
        ErrorCode = code;
    }

    public override int StatusCode => 400;

    public static TableException Validation(string message) => new(TableErrors.Validation, message);

    public static TableException NotFound(string table) =>
        new(TableErrors.ResourceNotFound, $"Requested resource not found: Table: {table} not found");

    public static TableException ConditionFailed() => new(TableErrors.ConditionalCheckFailed, "The conditional request failed");
}
