using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Web.Pages;

/// <summary>How the console shows times, money and JSON.</summary>
public static class Format
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";

    /// <summary>Time of day only, for boards that show today's work.</summary>
    public static string TimeOfDay(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    public static string Money(decimal? amount) => amount is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "";

    public static string Json(JsonNode? node) => node is null ? "null" : node.ToJsonString(Indented);

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
