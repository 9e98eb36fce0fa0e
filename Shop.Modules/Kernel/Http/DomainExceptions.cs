namespace Shop.Modules.Kernel.Http;

/// <summary>Base of the errors a caller can cause; the exception handler turns them into ProblemDetails.</summary>
public abstract class DomainException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;

    public abstract int StatusCode { get; }

    /// <summary>Extra members of the ProblemDetails (e.g. the offending field).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>
    /// A stable name for the error (e.g. "ItemNotAvailable") that callers such as workflow Catch clauses
    /// match on; also sent as the ProblemDetails member <c>errorCode</c>.
    /// </summary>
    public string? ErrorCode
    {
        get => Extensions.TryGetValue("errorCode", out var code) ? code as string : null;
        init { if (value is not null) Extensions["errorCode"] = value; }
    }
}

/// <summary>400: the input is malformed; <see cref="Field"/> says which part.</summary>
public sealed class InvalidInputException : DomainException
{
    public InvalidInputException(string field, string detail)
        : base("Invalid input", detail)
    {
        Field = field;
        Extensions["field"] = field;
    }

    public string Field { get; }

    public override int StatusCode => 400;
}

/// <summary>404: no such entity.</summary>
public sealed class NotFoundException(string entity, string id)
    : DomainException($"{entity} not found", $"{entity} '{id}' does not exist.")
{
    public override int StatusCode => 404;
}

/// <summary>409: the request is well-formed but the current state forbids it.</summary>
public sealed class ConflictException(string title, string detail) : DomainException(title, detail)
{
    public override int StatusCode => 409;
}

/// <summary>429: a limit on work in flight is reached (e.g. running simulations); the caller may try again later.</summary>
public sealed class TooManyRequestsException(string title, string detail) : DomainException(title, detail)
{
    public override int StatusCode => 429;
}
