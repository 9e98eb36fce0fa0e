using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Patterns;

/// <summary>
/// An event pattern is malformed. <see cref="Path"/> names the offending field (e.g. <c>detail.price</c>);
/// the message reads "path: problem". Surfaces as a 400 ProblemDetails when it escapes an endpoint.
/// </summary>
public sealed class InvalidEventPatternException : DomainException
{
    public InvalidEventPatternException(string path, string problem)
        : base("Invalid event pattern", $"{path}: {problem}")
    {
        Path = path;
        Extensions["field"] = path;
    }

    public string Path { get; }

    public override int StatusCode => 400;
}

/// <summary>
/// A target input (Input, InputPath, InputPathsMap, InputTemplate) is malformed; <see cref="Path"/> names which part.
/// </summary>
public sealed class InvalidInputTransformerException : DomainException
{
    public InvalidInputTransformerException(string path, string problem)
        : base("Invalid input transformer", $"{path}: {problem}")
    {
        Path = path;
        Extensions["field"] = path;
    }

    public string Path { get; }

    public override int StatusCode => 400;
}
