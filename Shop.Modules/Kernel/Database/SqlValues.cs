using Microsoft.Data.Sqlite;

namespace Shop.Modules.Kernel.Database;

/// <summary>
/// The column formats of <see cref="ModelConventions"/> for the stores that run plain SQL (<c>using static</c>): a value
/// written here reads back through the EF model alike, and the other way round. Money is integer cents, times are UTC
/// text, a null is DBNull.
/// </summary>
public static class SqlValues
{
    private static readonly ModelConventions.CentsConverter CentsConverter = new();

    public static long Cents(decimal amount) => CentsConverter.ConvertToProviderTyped(amount);

    public static object Cents(decimal? amount) => amount is { } value ? Cents(value) : DBNull.Value;

    public static decimal Cents(SqliteDataReader reader, int ordinal) => CentsConverter.ConvertFromProviderTyped(reader.GetInt64(ordinal));

    public static decimal? CentsOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Cents(reader, ordinal);

    public static string Time(DateTimeOffset time) => ModelConventions.UtcTextConverter.Format(time);

    public static DateTimeOffset Time(SqliteDataReader reader, int ordinal) => ModelConventions.UtcTextConverter.Parse(reader.GetString(ordinal));

    public static object Value(object? value) => value ?? DBNull.Value;

    public static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
