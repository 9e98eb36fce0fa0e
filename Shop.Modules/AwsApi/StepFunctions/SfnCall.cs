using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>
/// One Step Functions request: typed reads of its members (checked as the service model constrains them), ARNs resolved
/// to the engine's state machines and executions, and the wire's timestamps (epoch seconds with a fraction).
/// </summary>
internal sealed class SfnCall(AwsRequest request)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public IWorkflowEngine Engine { get; } = request.Services.GetRequiredService<IWorkflowEngine>();

    public AwsArns Arns { get; } = request.Services.GetRequiredService<AwsArns>();

    public TimeProvider Clock => request.Services.GetRequiredService<TimeProvider>();

    /// <summary>The role every state machine "runs as": the shop has no IAM, the member is required on the wire.</summary>
    public string RoleArn => $"arn:aws:iam::{Settings.AccountId}:role/shop";

    public string Region => Settings.Region;

    private AwsSettings Settings => request.Services.GetRequiredService<IOptionsMonitor<AwsSettings>>().CurrentValue;

    public string? String(string member, int maxLength = int.MaxValue)
    {
        var node = request.Body[member];
        if (node is null) return null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            throw new AwsException("SerializationException", $"'{member}' must be a string.");
        var text = value.GetValue<string>();
        if (text.Length > maxLength) throw SfnErrors.Validation(member, $"Member must have length less than or equal to {maxLength}");
        return text;
    }

    public string Required(string member, int maxLength = int.MaxValue) =>
        String(member, maxLength) is { Length: > 0 } text ? text : throw SfnErrors.Validation(member, "Member must not be null or empty");

    public bool Bool(string member, bool defaultValue)
    {
        var node = request.Body[member];
        if (node is null) return defaultValue;
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new AwsException("SerializationException", $"'{member}' must be a boolean."),
        };
    }

    /// <summary>maxResults: absent or 0 is the default page size, 1-1000 as asked.</summary>
    public int PageSize()
    {
        var node = request.Body["maxResults"];
        if (node is null) return DefaultPageSize;
        if (node is not JsonValue value || !value.TryGetValue<int>(out var size))
            throw new AwsException("SerializationException", "'maxResults' must be an integer.");
        if (size is < 0 or > MaxPageSize) throw SfnErrors.Validation("maxResults", $"Member must have value between 0 and {MaxPageSize}");
        return size == 0 ? DefaultPageSize : size;
    }

    /// <summary>The state machine a stateMachineArn names: InvalidArn when it is not one, StateMachineDoesNotExist when unknown.</summary>
    public WorkflowDefinition StateMachine(string arn)
    {
        var parts = AwsArns.Parts(arn, "states", "stateMachine");
        if (parts is not [var name] || name.Length == 0) throw SfnErrors.InvalidArn(arn, "stateMachine");
        // Region and account are not compared: a CLI configured for another region still reaches the one local shop.
        return Engine.Definitions.FirstOrDefault(d => d.Name == name) ?? throw SfnErrors.StateMachineDoesNotExist(arn);
    }

    /// <summary>
    /// The execution an executionArn names (<c>...:execution:{stateMachine}:{name}</c>; a name may hold ':' for the
    /// shop's own names, so everything after the state machine is the name).
    /// </summary>
    public async Task<ExecutionDescription> ExecutionAsync(string arn, CancellationToken ct)
    {
        // An express execution's ARN (StartSyncExecution) ends with the execution's id: the name is what lies between.
        if (AwsArns.Parts(arn, "states", "express") is { Length: >= 3 } express && express[0].Length > 0)
            return await Engine.FindByNameAsync(express[0], string.Join(':', express[1..^1]), ct) is { } run && run.ExecutionId == express[^1]
                ? run
                : throw SfnErrors.ExecutionDoesNotExist(arn);
        var parts = AwsArns.Parts(arn, "states", "execution");
        if (parts is not { Length: >= 2 } || parts[0].Length == 0) throw SfnErrors.InvalidArn(arn, "execution");
        var name = string.Join(':', parts[1..]);
        if (name.Length == 0) throw SfnErrors.InvalidArn(arn, "execution");
        return await Engine.FindByNameAsync(parts[0], name, ct) ?? throw SfnErrors.ExecutionDoesNotExist(arn);
    }

    public string ExecutionArn(string workflow, string name) => Arns.Execution(workflow, name);

    /// <summary>Epoch seconds with milliseconds, as the AWS JSON protocols send timestamps.</summary>
    public static JsonValue Time(DateTimeOffset time) =>
        JsonValue.Create(decimal.Round((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (decimal)TimeSpan.TicksPerSecond, 3));

    /// <summary>A JSON value on the wire as the JSON text Step Functions sends (input, output: strings holding JSON).</summary>
    public static string? Text(JsonNode? node) => node?.ToJsonString();

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>nextToken: an opaque base64url of a small JSON object; anything that does not decode is InvalidToken.</summary>
    public static string EncodeToken(JsonObject token) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonObject DecodeToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return JsonNode.Parse(Convert.FromBase64String(base64)) as JsonObject ?? throw new FormatException();
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            throw SfnErrors.InvalidToken($"'{(token.Length > 64 ? token[..64] + "..." : token)}' is not a nextToken this API handed out.");
        }
    }
}
