using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows;

/// <summary>409: an execution of that name exists with another input (Step Functions' ExecutionAlreadyExists).</summary>
public sealed class ExecutionAlreadyExistsException : DomainException
{
    public const string Code = "ExecutionAlreadyExists";

    public ExecutionAlreadyExistsException(string workflow, string name, string executionId)
        : base("Execution already exists", $"Execution '{name}' of '{workflow}' already exists with another input.")
    {
        ExecutionId = executionId;
        Extensions["errorCode"] = Code;
        Extensions["error"] = Code;
    }

    public string ExecutionId { get; }

    public override int StatusCode => 409;
}

/// <summary>Step Functions' payload limit: an execution's input and every state's output at most 256 KB of UTF-8.</summary>
public static class WorkflowLimits
{
    public const int MaxPayloadBytes = 256 * 1024;

    internal static bool TooLarge(string json) => json.Length > MaxPayloadBytes / 4 && System.Text.Encoding.UTF8.GetByteCount(json) > MaxPayloadBytes;
}
