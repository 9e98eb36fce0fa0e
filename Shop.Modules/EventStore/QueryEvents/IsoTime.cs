using System.Globalization;
using System.Text.RegularExpressions;

namespace Shop.Modules.EventStore.QueryEvents;

/// <summary>ISO 8601 timestamps from outside: a date, or a date and time; no offset means UTC.</summary>
internal static partial class IsoTime
{
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        // The date prefix keeps out the culture-specific forms DateTimeOffset.TryParse would also accept.
        return text is not null && text.Length <= 40 && IsoPrefix().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoPrefix();
}
