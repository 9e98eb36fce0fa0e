using System.Security.Cryptography;
using System.Text;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Workflows;

/// <summary>Task tokens: 256 random bits, handed out once; the database keeps only their SHA-256.</summary>
internal static class TaskTokens
{
    /// <remarks>
    /// Always begins with letters, as AWS's tokens do ("AQ..."): a token that began with '-' (1 in 64 of plain
    /// base64url) is read by the AWS CLI as an option, so <c>--task-token -x...</c> failed with a usage error.
    /// </remarks>
    public static string NewToken() => "AQ" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>400 for a refused task token, named as Step Functions names it (in <c>title</c> and <c>error</c>).</summary>
public sealed class TaskTokenException : DomainException
{
    public const string DoesNotExist = "TaskDoesNotExist";
    public const string TimedOut = "TaskTimedOut";

    private TaskTokenException(string error, string detail)
        : base(error, detail)
    {
        Error = error;
        Extensions["error"] = error;
    }

    public string Error { get; }

    public override int StatusCode => 400;

    internal static TaskTokenException Unknown() => new(DoesNotExist, "The task token is unknown, already used, or its execution is no longer waiting for it.");

    internal static TaskTokenException Expired() => new(TimedOut, "The task timed out; the token can no longer be used.");
}
