using Shop.Modules.Kernel.Http;

namespace Shop.Modules.AwsApi;

/// <summary>An AWS error answer: HTTP 400 (unless said otherwise) with <c>{"__type": Code, "message": ...}</c>, as the AWS JSON protocols answer.</summary>
internal sealed class AwsException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    public static AwsException Validation(string message) => new("ValidationException", message);

    /// <summary>The shop's own domain errors, for operations that reach a module without their own mapping.</summary>
    internal static AwsException? FromDomain(Exception error) => error switch
    {
        NotFoundException e => new AwsException("ResourceNotFoundException", e.Message),
        DomainException e => new AwsException(e.ErrorCode ?? "ValidationException", e.Message),
        _ => null,
    };
}
