using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>Reads request members as the EventBridge model types them; a wrong type or a bound broken is a ValidationException naming the member.</summary>
internal static class Members
{
    public static string? Text(this JsonObject body, string name, int max = 4096)
    {
        switch (body[name])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                if (text.Length > max) throw AwsException.Validation($"{name} must be at most {max} characters.");
                return text;
            default:
                throw AwsException.Validation($"{name} must be a string.");
        }
    }

    public static string Required(this JsonObject body, string name, int max = 4096) =>
        body.Text(name, max) is { Length: > 0 } text ? text : throw AwsException.Validation($"{name} is required.");

    public static bool? Flag(this JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw AwsException.Validation($"{name} must be true or false."),
    };

    /// <summary>Limit (1 to 100, 100 when absent) and NextToken (an offset this API handed out) of a List operation.</summary>
    public static (int Offset, int Limit) Page(this JsonObject body)
    {
        var limit = 100;
        if (body["Limit"] is { } node)
        {
            if (node is not JsonValue v || !v.TryGetValue<int>(out limit) || limit is < 1 or > 100)
                throw AwsException.Validation("Limit must be a whole number from 1 to 100.");
        }
        var offset = 0;
        if (body.Text("NextToken", 2048) is { } token)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw AwsException.Validation("The NextToken is not one this API handed out.");
            }
            if (!decoded.StartsWith("o:", StringComparison.Ordinal)
                || !int.TryParse(decoded[2..], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                throw AwsException.Validation("The NextToken is not one this API handed out.");
        }
        return (offset, limit);
    }

    /// <summary>One page of <paramref name="items"/> under <paramref name="member"/>, with NextToken when more follow.</summary>
    public static JsonObject PageOf<T>(IReadOnlyList<T> items, int offset, int limit, string member, Func<T, JsonNode> render)
    {
        var result = new JsonObject { [member] = new JsonArray(items.Skip(offset).Take(limit).Select(render).ToArray()) };
        if (offset + limit < items.Count)
            result["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{(offset + limit).ToString(CultureInfo.InvariantCulture)}"));
        return result;
    }

    /// <summary>A timestamp member: epoch seconds (as the CLI and SDKs send it) or ISO 8601 text.</summary>
    public static DateTimeOffset? Time(this JsonObject body, string name)
    {
        switch (body[name])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var seconds)
                && seconds is >= 0 and <= 253402300799:
                return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            case JsonValue v when v.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                return time.ToUniversalTime();
            default:
                throw AwsException.Validation($"{name} must be a timestamp (epoch seconds or ISO 8601).");
        }
    }

    public static DateTimeOffset RequiredTime(this JsonObject body, string name) =>
        body.Time(name) ?? throw AwsException.Validation($"{name} is required.");

    /// <summary>A whole-number member within [min, max].</summary>
    public static int? Whole(this JsonObject body, string name, int min, int max) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n >= min && n <= max => n,
        _ => throw AwsException.Validation($"{name} must be a whole number from {min} to {max}."),
    };

    /// <summary>Epoch seconds with milliseconds, as the AWS JSON protocols send timestamps.</summary>
    public static JsonNode Epoch(DateTimeOffset time) =>
        JsonValue.Create(decimal.Round((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (decimal)TimeSpan.TicksPerSecond, 3));

    public static void AddIfSet(this JsonObject result, string name, string? value)
    {
        if (value is not null) result[name] = value;
    }
}
