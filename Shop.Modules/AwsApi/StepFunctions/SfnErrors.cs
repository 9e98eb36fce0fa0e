namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>Step Functions' own error codes (the <c>__type</c> the CLI and SDKs turn into their exception classes).</summary>
internal static class SfnErrors
{
    public static AwsException InvalidArn(string arn, string kind) =>
        new("InvalidArn", $"Invalid Arn: '{arn}' is not a {kind} ARN (arn:aws:states:{{region}}:{{account}}:{kind}:...).");

    public static AwsException StateMachineDoesNotExist(string arn) => new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    public static AwsException ExecutionDoesNotExist(string arn) => new("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");

    public static AwsException ExecutionAlreadyExists(string arn) =>
        new("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}' (started with another input; the same name and input return it).");

    public static AwsException InvalidName(string message) => new("InvalidName", "Invalid Name: " + message);

    public static AwsException InvalidExecutionInput(string message) => new("InvalidExecutionInput", "Invalid State Machine Execution Input: " + message);

    public static AwsException InvalidOutput(string message) => new("InvalidOutput", "Invalid Output: " + message);

    public static AwsException InvalidToken(string message) => new("InvalidToken", "Invalid Token: " + message);

    public static AwsException ExecutionNotRedrivable(string message) => new("ExecutionNotRedrivable", message);

    /// <summary>A member that violates a constraint of the service model (AWS's wording: "1 validation error detected: ...").</summary>
    public static AwsException Validation(string member, string constraint) =>
        AwsException.Validation($"1 validation error detected: Value at '{member}' failed to satisfy constraint: {constraint}");
}
