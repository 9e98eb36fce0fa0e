using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// Column conventions for module contexts. SQLite cannot compare or order decimals and DateTimeOffsets in
/// SQL, so money is stored as integer cents and times as fixed-width UTC text (text order = time order).
/// </summary>
public static class ModelConventions
{
    public static ModelConfigurationBuilder UseShopConventions(this ModelConfigurationBuilder builder)
    {
        builder.Properties<decimal>().HaveConversion<CentsConverter>();
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        return builder;
    }

    public sealed class CentsConverter() : ValueConverter<decimal, long>(
        v => (long)decimal.Round(v * 100m, 0, MidpointRounding.AwayFromZero),
        v => v / 100m);

    public sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
        v => Format(v),
        v => Parse(v))
    {
        // "O" of a UTC DateTime is exactly yyyy-MM-ddTHH:mm:ss.fffffffZ, on the runtime's fast path (a custom pattern
        // is interpreted for every call, and every step stamps several times).
        public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

        // What Format wrote parses on the fast path; anything else (text written by hand, older rows) as before.
        public static DateTimeOffset Parse(string text) =>
            DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && time.Offset == TimeSpan.Zero
                ? time
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
