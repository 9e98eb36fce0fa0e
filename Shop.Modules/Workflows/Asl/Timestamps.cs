using System.Globalization;
using System.Text.RegularExpressions;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// ASL timestamps: RFC 3339 with an uppercase T and an offset (Z or ±hh:mm), fractions of any length
/// (nanoseconds are cut to .NET's 100 ns).
/// </summary>
internal static partial class Timestamps
{
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Rfc3339().Match(text);
        if (!match.Success) return false;
        var fraction = match.Groups[2].Value;
        if (fraction.Length > 8) fraction = fraction[..8];
        var offset = match.Groups[3].Value == "Z" ? "+00:00" : match.Groups[3].Value;
        return DateTimeOffset.TryParseExact(match.Groups[1].Value + fraction + offset,
            fraction.Length == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss." + new string('F', fraction.Length - 1) + "zzz",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>ISO 8601 with milliseconds and Z, as AWS writes times in the context object.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
