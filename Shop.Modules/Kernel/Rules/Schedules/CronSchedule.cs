using System.Globalization;

namespace Shop.Modules.Kernel.Rules.Schedules;

/// <summary>
/// EventBridge's six-field cron, UTC: minutes (0-59), hours (0-23), day-of-month (1-31, with <c>? L LW nW</c>), month
/// (1-12 or JAN-DEC), day-of-week (1-7 or SUN-SAT, 1 = Sunday, with <c>? L nL n#k</c>), year (1970-2199); each with
/// <c>, - * /</c>. One of day-of-month and day-of-week is <c>?</c>, never both.
/// </summary>
internal sealed class CronSchedule : ScheduleExpression
{
    private const int FirstYear = 1970;
    private const int LastYear = 2199;
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _months;
    private readonly bool[] _years;
    private readonly Func<DateOnly, bool> _day;

    private CronSchedule(string text, bool[] minutes, bool[] hours, bool[] months, bool[] years, Func<DateOnly, bool> day) : base(text)
    {
        (_minutes, _hours, _months, _years, _day) = (minutes, hours, months, years, day);
    }

    public static CronSchedule Create(string text, string body)
    {
        var fields = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6) throw Invalid(text, $"cron takes six fields (minutes hours day-of-month month day-of-week year), not {fields.Length}");
        var minutes = Values(text, "minutes", fields[0], 0, 59, null);
        var hours = Values(text, "hours", fields[1], 0, 23, null);
        var months = Values(text, "month", fields[3], 1, 12, Months);
        var years = Values(text, "year", fields[5], FirstYear, LastYear, null);
        var (dom, dow) = (fields[2].ToUpperInvariant(), fields[4].ToUpperInvariant());
        if ((dom == "?") == (dow == "?"))
            throw Invalid(text, "give day-of-month or day-of-week and put ? in the other (exactly one of them is ?)");
        var day = dom == "?" ? DayOfWeek(text, dow) : DayOfMonth(text, dom);
        return new CronSchedule(text, minutes, hours, months, years, day);
    }

    public override DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset since)
    {
        var from = ToMinute(after).AddMinutes(1);
        var date = DateOnly.FromDateTime(from.UtcDateTime);
        var first = true;
        for (; date.Year <= LastYear; date = date.AddDays(1), first = false)
        {
            if (!_years[date.Year - FirstYear] || !_months[date.Month - 1] || !_day(date)) continue;
            for (var hour = first ? from.Hour : 0; hour < 24; hour++)
            {
                if (!_hours[hour]) continue;
                for (var minute = first && hour == from.Hour ? from.Minute : 0; minute < 60; minute++)
                    if (_minutes[minute]) return new DateTimeOffset(date.Year, date.Month, date.Day, hour, minute, 0, TimeSpan.Zero);
            }
        }
        return null;
    }

    /// <summary>A field of <c>, - * /</c> items over [min, max]: which values it takes (index value - min).</summary>
    private static bool[] Values(string text, string field, string spec, int min, int max, string[]? names)
    {
        var set = new bool[max - min + 1];
        foreach (var item in spec.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 => (r, n),
                _ => throw Invalid(text, $"{field}: '{item}' has a bad increment (a/n with n a positive number)"),
            };
            int low, high;
            if (range == "*") (low, high) = (min, max);
            else if (range.Split('-') is [var a, var b]) (low, high) = (Number(text, field, a, min, max, names), Number(text, field, b, min, max, names));
            else
            {
                low = Number(text, field, range, min, max, names);
                high = item.Contains('/') ? max : low;
            }
            if (low > high) throw Invalid(text, $"{field}: the range '{range}' runs backwards");
            for (var v = low; v <= high; v += step) set[v - min] = true;
        }
        return set;
    }

    private static int Number(string text, string field, string value, int min, int max, string[]? names)
    {
        if (names is not null && Array.IndexOf(names, value.ToUpperInvariant()) is var index and >= 0) return min + index;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        throw Invalid(text, $"{field}: '{value}' is not {min}-{max}" + (names is null ? "" : $" or {names[0]}-{names[^1]}"));
    }

    /// <summary>Day-of-month: values, <c>L</c> (last day), <c>LW</c> (last weekday), <c>nW</c> (the weekday nearest day n, within the month).</summary>
    private static Func<DateOnly, bool> DayOfMonth(string text, string spec)
    {
        static int Last(DateOnly d) => DateTime.DaysInMonth(d.Year, d.Month);
        if (spec == "L") return d => d.Day == Last(d);
        if (spec == "LW") return d => d.Day == NearestWeekday(d, Last(d));
        if (spec.EndsWith('W'))
        {
            var n = Number(text, "day-of-month", spec[..^1], 1, 31, null);
            return d => n <= Last(d) && d.Day == NearestWeekday(d, n);
        }
        var days = Values(text, "day-of-month", spec, 1, 31, null);
        return d => days[d.Day - 1];
    }

    /// <summary>Day-of-week (1 = SUN … 7 = SAT): values, <c>L</c> (Saturday), <c>nL</c> (the month's last such day), <c>n#k</c> (its k-th).</summary>
    private static Func<DateOnly, bool> DayOfWeek(string text, string spec)
    {
        static int Dow(DateOnly d) => (int)d.DayOfWeek + 1;
        if (spec.Contains('#'))
        {
            if (spec.Split('#') is not [var day, var nth] || spec.Contains(',')
                || !int.TryParse(nth, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k is < 1 or > 5)
                throw Invalid(text, $"day-of-week: '{spec}' must be one day#n with n 1-5 (e.g. 3#2, the second Tuesday)");
            var n = Number(text, "day-of-week", day, 1, 7, Days);
            return d => Dow(d) == n && (d.Day - 1) / 7 + 1 == k;
        }
        if (spec == "L") spec = "7";
        else if (spec.Length > 1 && spec.EndsWith('L'))
        {
            var n = Number(text, "day-of-week", spec[..^1], 1, 7, Days);
            return d => Dow(d) == n && d.Day + 7 > DateTime.DaysInMonth(d.Year, d.Month);
        }
        var days = Values(text, "day-of-week", spec, 1, 7, Days);
        return d => days[Dow(d) - 1];
    }

    /// <summary>The weekday nearest day <paramref name="n"/> of <paramref name="d"/>'s month, without leaving the month.</summary>
    private static int NearestWeekday(DateOnly d, int n)
    {
        var target = new DateOnly(d.Year, d.Month, n);
        var last = DateTime.DaysInMonth(d.Year, d.Month);
        return target.DayOfWeek switch
        {
            System.DayOfWeek.Saturday => n == 1 ? 3 : n - 1,
            System.DayOfWeek.Sunday => n == last ? n - 2 : n + 1,
            _ => n,
        };
    }
}
