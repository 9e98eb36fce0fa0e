using FluentAssertions;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules.Schedules;
using Xunit;

namespace Shop.Tests.Kernel.Rules;

/// <summary>EventBridge's rate and six-field cron expressions: which slots they give, and what is refused.</summary>
public sealed class ScheduleExpressionTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 2, 10, 3, 30, TimeSpan.Zero);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static List<DateTimeOffset> Slots(string expression, string after, int count)
    {
        var schedule = ScheduleExpression.Parse(expression);
        var slots = new List<DateTimeOffset>();
        var from = At(after);
        for (var i = 0; i < count; i++)
        {
            from = schedule.Next(from, Since) ?? throw new InvalidOperationException("no more slots");
            slots.Add(from);
        }
        return slots;
    }

    [Theory]
    [InlineData("rate(1 minute)", "2026-12-02T10:04:00Z", "2026-12-02T10:05:00Z")]
    [InlineData("rate(5 minutes)", "2026-12-02T10:08:00Z", "2026-12-02T10:13:00Z")]
    [InlineData("rate(1 hour)", "2026-12-02T11:03:00Z", "2026-12-02T12:03:00Z")]
    [InlineData("rate(2 days)", "2026-12-04T10:03:00Z", "2026-12-06T10:03:00Z")]
    public void Given_a_rate_Then_its_slots_count_from_the_minute_the_schedule_was_set(string expression, string first, string second)
    {
        Slots(expression, "2026-12-02T10:03:30Z", 2).Should().Equal(At(first), At(second));
    }

    [Theory]
    [InlineData("cron(0/5 * * * ? *)", "2026-12-02T10:03:30Z", "2026-12-02T10:05:00Z", "2026-12-02T10:10:00Z", "2026-12-02T10:15:00Z")]
    [InlineData("cron(1/10 * * * ? *)", "2026-12-02T10:03:30Z", "2026-12-02T10:11:00Z", "2026-12-02T10:21:00Z", "2026-12-02T10:31:00Z")]
    [InlineData("cron(0 10 * * ? *)", "2026-12-02T10:00:00Z", "2026-12-03T10:00:00Z", "2026-12-04T10:00:00Z", "2026-12-05T10:00:00Z")]
    [InlineData("cron(15 12 * * ? *)", "2026-12-02T12:15:00Z", "2026-12-03T12:15:00Z", "2026-12-04T12:15:00Z", "2026-12-05T12:15:00Z")]
    // 18:00 Monday to Friday (2026-12-04 is a Friday).
    [InlineData("cron(0 18 ? * MON-FRI *)", "2026-12-04T18:00:00Z", "2026-12-07T18:00:00Z", "2026-12-08T18:00:00Z", "2026-12-09T18:00:00Z")]
    // 8:00 on the first of each month.
    [InlineData("cron(0 8 1 * ? *)", "2026-12-02T00:00:00Z", "2027-01-01T08:00:00Z", "2027-02-01T08:00:00Z", "2027-03-01T08:00:00Z")]
    // Every 10 minutes, Monday to Friday (Sunday is 1).
    [InlineData("cron(0/10 * ? * 2-6 *)", "2026-12-04T23:50:00Z", "2026-12-07T00:00:00Z", "2026-12-07T00:10:00Z", "2026-12-07T00:20:00Z")]
    // The last day of the month, leap years too.
    [InlineData("cron(0 0 L * ? *)", "2027-12-31T00:00:00Z", "2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z")]
    // The weekday nearest the 1st (2027-05-01 is a Saturday: Monday the 3rd), the last weekday of the month.
    [InlineData("cron(0 9 1W * ? *)", "2027-04-01T09:00:00Z", "2027-05-03T09:00:00Z", "2027-06-01T09:00:00Z", "2027-07-01T09:00:00Z")]
    [InlineData("cron(0 9 LW * ? *)", "2027-04-30T09:00:00Z", "2027-05-31T09:00:00Z", "2027-06-30T09:00:00Z", "2027-07-30T09:00:00Z")]
    // The second Tuesday, the last Friday of the month.
    [InlineData("cron(0 9 ? * 3#2 *)", "2026-12-08T09:00:00Z", "2027-01-12T09:00:00Z", "2027-02-09T09:00:00Z", "2027-03-09T09:00:00Z")]
    [InlineData("cron(0 9 ? * 6L *)", "2026-12-25T09:00:00Z", "2027-01-29T09:00:00Z", "2027-02-26T09:00:00Z", "2027-03-26T09:00:00Z")]
    // Months by name, a year range that ends.
    [InlineData("cron(30 6 15 JAN,JUL ? 2027-2028)", "2026-12-02T00:00:00Z", "2027-01-15T06:30:00Z", "2027-07-15T06:30:00Z", "2028-01-15T06:30:00Z")]
    public void Given_a_cron_Then_its_slots_are_EventBridges(string expression, string after, string first, string second, string third)
    {
        Slots(expression, after, 3).Should().Equal(At(first), At(second), At(third));
    }

    [Fact]
    public void Given_a_cron_whose_years_are_over_Then_it_has_no_next_slot()
    {
        ScheduleExpression.Parse("cron(0 0 1 1 ? 2027)").Next(At("2027-01-01T00:00:00Z"), Since).Should().BeNull();
    }

    [Fact]
    public void Given_a_shop_down_for_hours_When_it_comes_back_Then_only_the_latest_missed_slot_is_owed_once()
    {
        var schedule = ScheduleExpression.Parse("rate(5 minutes)");
        var latest = schedule.Latest(At("2026-12-02T10:08:00Z"), At("2026-12-02T13:00:30Z"), Since);
        latest.Should().Be(At("2026-12-02T12:58:00Z"));
        schedule.Latest(latest!.Value, At("2026-12-02T13:00:30Z"), Since).Should().BeNull("a slot fired is not owed again");
        // A week down: no storm, only the last slot (searched in the last day).
        ScheduleExpression.Parse("cron(0/5 * * * ? *)").Latest(At("2026-11-20T00:00:00Z"), At("2026-12-02T13:02:00Z"), Since)
            .Should().Be(At("2026-12-02T13:00:00Z"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("every minute")]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("rate(5 weeks)")]
    [InlineData("rate(-1 minutes)")]
    [InlineData("rate(99999999999 days)")]
    [InlineData("rate(2000000000 days)")]
    [InlineData("rate(2147483647 hours)")]
    [InlineData("cron(0/5 * * * *)")]
    [InlineData("cron(0/5 * * * ? * *)")]
    [InlineData("cron(0/5 * * * * *)")]
    [InlineData("cron(0/5 * ? * ? *)")]
    [InlineData("cron(60 * * * ? *)")]
    [InlineData("cron(0 24 * * ? *)")]
    [InlineData("cron(0 0 32 * ? *)")]
    [InlineData("cron(0 0 0 * ? *)")]
    [InlineData("cron(0 0 * 13 ? *)")]
    [InlineData("cron(0 0 ? * 8 *)")]
    [InlineData("cron(0 0 ? * 3#1,6#3 *)")]
    [InlineData("cron(0 0 ? * 3#6 *)")]
    [InlineData("cron(0 0 * * ? 1969)")]
    [InlineData("cron(0 0 * * ? 2200)")]
    [InlineData("cron(5-1 * * * ? *)")]
    [InlineData("cron(0/0 * * * ? *)")]
    [InlineData("cron(a * * * ? *)")]
    [InlineData("cron(0 0 FOO * ? *)")]
    [InlineData("cron(0 0 * FOO ? *)")]
    public void Given_an_expression_EventBridge_refuses_Then_it_is_a_ValidationException_naming_it(string expression)
    {
        var refuse = () => ScheduleExpression.Parse(expression);
        refuse.Should().Throw<InvalidInputException>().Where(e => e.ErrorCode == "ValidationException" && e.Message.Contains("ScheduleExpression"));
    }
}
