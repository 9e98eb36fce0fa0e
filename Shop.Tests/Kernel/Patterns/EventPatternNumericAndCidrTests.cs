using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>The range operators: numeric comparisons and cidr address ranges.</summary>
public sealed class EventPatternNumericAndCidrTests
{
    [Fact]
    public void Given_the_documented_numeric_pattern_When_all_fields_are_in_range_Then_it_matches()
    {
        const string pattern = """
            {'detail': {'c-count': [{'numeric': ['>', 0, '<=', 5]}],
                        'd-count': [{'numeric': ['<', 10]}],
                        'x-limit': [{'numeric': ['=', 3.018e2]}]}}
            """;

        Matches(pattern, WithDetail("{'c-count': 5, 'd-count': 3, 'x-limit': 301.8}")).Should().BeTrue();
        Matches(pattern, WithDetail("{'c-count': 0, 'd-count': 3, 'x-limit': 301.8}")).Should().BeFalse("c-count must be > 0");
        Matches(pattern, WithDetail("{'c-count': 6, 'd-count': 3, 'x-limit': 301.8}")).Should().BeFalse("c-count must be <= 5");
        Matches(pattern, WithDetail("{'c-count': 5, 'd-count': 10, 'x-limit': 301.8}")).Should().BeFalse("d-count must be < 10");
        Matches(pattern, WithDetail("{'c-count': 5, 'd-count': 3, 'x-limit': 301.9}")).Should().BeFalse("x-limit must be 301.8");
        Matches(pattern, WithDetail("{'c-count': '5', 'd-count': 3, 'x-limit': 301.8}")).Should().BeFalse("numeric matches JSON numbers only");
        Matches(pattern, WithDetail("{'d-count': 3, 'x-limit': 301.8}")).Should().BeFalse("c-count is missing");
    }

    [Theory]
    [InlineData("['>=', 10]", 10, true)]
    [InlineData("['>=', 10]", 9.999, false)]
    [InlineData("['>', 10]", 10, false)]
    [InlineData("['<=', -1]", -1, true)]
    [InlineData("['<', -1]", -1, false)]
    [InlineData("['>=', 10, '<', 20]", 19.5, true)]
    [InlineData("['>=', 10, '<', 20]", 20, false)]
    [InlineData("['>', 10, '<=', 20]", 20, true)]
    [InlineData("['>', 10, '<=', 20]", 10, false)]
    [InlineData("['=', 100]", 100, true)]
    [InlineData("['=', 100]", 100.000001, false)]
    public void Given_a_numeric_comparison_When_matched_Then_bounds_are_respected(string comparison, double value, bool expected) =>
        Matches($"{{'Price': [{{'numeric': {comparison}}}]}}", FormattableString.Invariant($"{{'Price': {value}}}")).Should().Be(expected);

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", true)]
    [InlineData("10.0.0.0/24", "10.0.0.255", true)]
    [InlineData("10.0.0.0/24", "10.0.1.1", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/24", "not an ip", false)]
    [InlineData("10.0.0.0/24", "::1", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    public void Given_the_documented_cidr_pattern_When_matched_Then_addresses_in_the_range_match(string cidr, string ip, bool expected) =>
        Matches($"{{'detail': {{'sourceIPAddress': [{{'cidr': '{cidr}'}}]}}}}", WithDetail($"{{'sourceIPAddress': '{ip}'}}"))
            .Should().Be(expected);
}
