using System.Globalization;
using System.Text.RegularExpressions;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Kernel.Rules.Schedules;

/// <summary>
/// A scheduled rule's <c>ScheduleExpression</c>, as EventBridge reads it: <c>rate(value unit)</c> (minute(s), hour(s),
/// day(s); singular for 1) or <c>cron(minutes hours day-of-month month day-of-week year)</c> (<see cref="CronSchedule"/>).
/// Slots fall on whole minutes, UTC; a rate counts from the minute the schedule was set.
/// </summary>
public abstract partial class ScheduleExpression
{
    public const int MaxLength = 256;

    protected ScheduleExpression(string text) => Text = text;

    public string Text { get; }

    /// <summary>The first slot strictly after <paramref name="after"/>; null when there is none (a cron whose years are over).</summary>
    /// <param name="since">When the schedule was set: a rate's slots are <c>since + k × rate</c>, k ≥ 1.</param>
    public abstract DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset since);

    /// <summary>The latest slot in (<paramref name="after"/>, <paramref name="now"/>], or null: what a firing at <paramref name="now"/> owes.</summary>
    /// <remarks>Missed slots are not fired one by one: only the latest, once (no storm of catch-ups after a stop).</remarks>
    public DateTimeOffset? Latest(DateTimeOffset after, DateTimeOffset now, DateTimeOffset since)
    {
        // A long stop: only the last day is looked at (a slot older than that is not owed any more).
        if (after < now.AddDays(-1)) after = now.AddDays(-1);
        DateTimeOffset? latest = null;
        for (var next = Next(after, since); next is { } slot && slot <= now; next = Next(slot, since)) latest = slot;
        return latest;
    }

    /// <exception cref="InvalidInputException">Not a rate or cron expression EventBridge accepts (ErrorCode ValidationException).</exception>
    public static ScheduleExpression Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
            throw Invalid(text ?? "", $"it must be rate(...) or cron(...), at most {MaxLength} characters");
        if (RatePattern().Match(text) is { Success: true } rate) return RateSchedule.Create(text, rate.Groups[1].Value, rate.Groups[2].Value);
        if (CronPattern().Match(text) is { Success: true } cron) return CronSchedule.Create(text, cron.Groups[1].Value);
        throw Invalid(text, "it must be rate(value unit), e.g. rate(5 minutes), or cron(minutes hours day-of-month month day-of-week year), e.g. cron(0/5 * * * ? *)");
    }

    internal static InvalidInputException Invalid(string text, string why) =>
        new("ScheduleExpression", $"Parameter ScheduleExpression is not valid: '{text}': {why}.") { ErrorCode = "ValidationException" };

    internal static DateTimeOffset ToMinute(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    [GeneratedRegex(@"^rate\(\s*(\S+)\s+(\S+)\s*\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\((.*)\)$")]
    private static partial Regex CronPattern();
}

/// <summary><c>rate(value unit)</c>: every <c>value</c> minutes, hours or days from when the schedule was set.</summary>
internal sealed class RateSchedule : ScheduleExpression
{
    private readonly TimeSpan _period;

    private RateSchedule(string text, TimeSpan period) : base(text) => _period = period;

    public static RateSchedule Create(string text, string value, string unit)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw Invalid(text, "the value must be a positive whole number");
        var singular = unit is "minute" or "hour" or "day";
        var plural = unit is "minutes" or "hours" or "days";
        if (!singular && !plural) throw Invalid(text, "the unit must be minute(s), hour(s) or day(s)");
        if (n == 1 && plural) throw Invalid(text, $"a value of 1 takes the singular unit ({unit.TrimEnd('s')})");
        if (n > 1 && singular) throw Invalid(text, $"a value above 1 takes the plural unit ({unit}s)");
        long minutes = unit.TrimEnd('s') switch
        {
            "minute" => n,
            "hour" => n * 60L,
            _ => n * 1440L,
        };
        // Checked before building the TimeSpan: a huge value would overflow it.
        if (minutes > 100L * 366 * 1440) throw Invalid(text, "the rate is longer than a century");
        return new RateSchedule(text, TimeSpan.FromMinutes(minutes));
    }

    public override DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset since)
    {
        var start = ToMinute(since);
        if (after < start) return start + _period;
        var k = (after - start).Ticks / _period.Ticks + 1;
        return start + TimeSpan.FromTicks(_period.Ticks * k);
    }
}
