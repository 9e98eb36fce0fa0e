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
        public static string Format(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        public static DateTimeOffset Parse(string text) =>
            DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
