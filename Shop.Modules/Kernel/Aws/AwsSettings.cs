using Microsoft.Extensions.Options;

namespace Shop.Modules.Kernel.Aws;

/// <summary>The "Aws" settings: the region and account that every ARN and every EventBridge envelope the shop writes carries.</summary>
public sealed class AwsSettings
{
    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "000000000000";
}

/// <summary>ARNs as AWS spells them, with the configured region and account.</summary>
public sealed class AwsArns(IOptionsMonitor<AwsSettings> settings)
{
    private string Prefix(string service) => $"arn:aws:{service}:{settings.CurrentValue.Region}:{settings.CurrentValue.AccountId}";

    public string StateMachine(string name) => $"{Prefix("states")}:stateMachine:{name}";

    public string Execution(string stateMachine, string executionName) => $"{Prefix("states")}:execution:{stateMachine}:{executionName}";

    public string Activity(string name) => $"{Prefix("states")}:activity:{name}";

    public string EventBus(string name) => $"{Prefix("events")}:event-bus/{name}";

    /// <summary>Rules on the default bus are <c>rule/{name}</c>; on a named bus <c>rule/{bus}/{name}</c>.</summary>
    public string Rule(string bus, string name) => bus == "default" ? $"{Prefix("events")}:rule/{name}" : $"{Prefix("events")}:rule/{bus}/{name}";

    public string Archive(string name) => $"{Prefix("events")}:archive/{name}";

    public string Replay(string name) => $"{Prefix("events")}:replay/{name}";

    public string Table(string name) => $"arn:aws:dynamodb:{settings.CurrentValue.Region}:{settings.CurrentValue.AccountId}:table/{name}";

    /// <summary>The last part of an ARN of the given kind (<c>stateMachine</c>, <c>execution</c>, ...), or null when it is not one.</summary>
    public static string[]? Parts(string? arn, string service, string kind)
    {
        if (string.IsNullOrEmpty(arn)) return null;
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != service || parts[5] != kind) return null;
        return parts[6..];
    }
}
