using System.Text.RegularExpressions;

namespace Shop.Modules.Kernel.Rules;

/// <summary>
/// Event bus names. <c>default</c> always exists; the <c>EventBuses</c> settings declare more (the seeds' buses,
/// read-only); CreateEventBus adds the rest at run time. A name or an event bus ARN is accepted wherever
/// EventBridge accepts one.
/// </summary>
public static partial class EventBuses
{
    public const string Default = "default";

    /// <summary>The settings section: a list of bus names the shop declares (e.g. the seeds' <c>sw-event-bus</c>).</summary>
    public const string Section = "EventBuses";

    /// <summary>The bus name in a name or an <c>arn:aws:events:...:event-bus/{name}</c>; null or empty is the default bus.</summary>
    public static string NameOf(string? nameOrArn)
    {
        if (string.IsNullOrEmpty(nameOrArn)) return Default;
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal)) return nameOrArn;
        var marker = nameOrArn.IndexOf(":event-bus/", StringComparison.Ordinal);
        return marker < 0 ? nameOrArn : nameOrArn[(marker + ":event-bus/".Length)..];
    }

    /// <summary>EventBridge's rule for a bus made by CreateEventBus: 1 to 256 of <c>A-Z a-z 0-9 . - _ /</c>.</summary>
    public static bool IsValidName(string name) => name.Length is >= 1 and <= 256 && NamePattern().IsMatch(name);

    /// <summary>EventBridge's rule for rule and target names: 1 to 64 of <c>A-Z a-z 0-9 . - _</c>.</summary>
    public static bool IsValidRuleName(string name) => name.Length is >= 1 and <= 64 && RuleNamePattern().IsMatch(name);

    [GeneratedRegex(@"^[/\.\-_A-Za-z0-9]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    private static partial Regex RuleNamePattern();
}
