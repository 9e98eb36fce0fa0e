using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>The operators about presence and exclusion: exists (true and false) and anything-but.</summary>
public sealed class EventPatternExistsAndAnythingButTests
{
    [Theory]
    [InlineData("{'detail': {'state': [{'anything-but': 'initializing'}]}}", "{'state': 'running'}", true)]
    [InlineData("{'detail': {'state': [{'anything-but': 'initializing'}]}}", "{'state': 'initializing'}", false)]
    [InlineData("{'detail': {'state': [{'anything-but': 'initializing'}]}}", "{'other': 'x'}", false)]
    [InlineData("{'detail': {'x-limit': [{'anything-but': 123}]}}", "{'x-limit': 124}", true)]
    [InlineData("{'detail': {'x-limit': [{'anything-but': 123}]}}", "{'x-limit': 123}", false)]
    [InlineData("{'detail': {'state': [{'anything-but': ['stopped', 'overloaded']}]}}", "{'state': 'running'}", true)]
    [InlineData("{'detail': {'state': [{'anything-but': ['stopped', 'overloaded']}]}}", "{'state': 'overloaded'}", false)]
    [InlineData("{'detail': {'x-limit': [{'anything-but': [100, 200, 300]}]}}", "{'x-limit': 150}", true)]
    [InlineData("{'detail': {'x-limit': [{'anything-but': [100, 200, 300]}]}}", "{'x-limit': 2.0e2}", false)]
    [InlineData("{'detail': {'state': [{'anything-but': {'prefix': 'init'}}]}}", "{'state': 'running'}", true)]
    [InlineData("{'detail': {'state': [{'anything-but': {'prefix': 'init'}}]}}", "{'state': 'initializing'}", false)]
    [InlineData("{'detail': {'FileName': [{'anything-but': {'suffix': '.png'}}]}}", "{'FileName': 'a.jpg'}", true)]
    [InlineData("{'detail': {'FileName': [{'anything-but': {'suffix': '.png'}}]}}", "{'FileName': 'a.png'}", false)]
    [InlineData("{'detail': {'state': [{'anything-but': {'equals-ignore-case': 'initializing'}}]}}", "{'state': 'running'}", true)]
    [InlineData("{'detail': {'state': [{'anything-but': {'equals-ignore-case': 'initializing'}}]}}", "{'state': 'INITIALIZING'}", false)]
    [InlineData("{'detail': {'state': [{'anything-but': {'equals-ignore-case': ['a', 'b']}}]}}", "{'state': 'B'}", false)]
    [InlineData("{'detail': {'FilePath': [{'anything-but': {'wildcard': '*/lib/*'}}]}}", "{'FilePath': '/usr/bin/tool'}", true)]
    [InlineData("{'detail': {'FilePath': [{'anything-but': {'wildcard': '*/lib/*'}}]}}", "{'FilePath': '/usr/lib/tool'}", false)]
    public void Given_the_documented_anything_but_patterns_When_matched_Then_everything_but_the_excluded_matches(
        string pattern, string detail, bool expected) =>
        Matches(pattern, WithDetail(detail)).Should().Be(expected);

    [Fact]
    public void Given_anything_but_When_the_event_value_is_an_array_Then_it_matches_if_some_element_is_not_excluded()
    {
        const string pattern = "{'price': [{'anything-but': [100, 500]}]}";

        Matches(pattern, "{'price': [100, 50]}").Should().BeTrue();
        Matches(pattern, "{'price': [100, 500]}").Should().BeFalse();
    }

    [Fact]
    public void Given_the_documented_exists_true_pattern_When_matched_Then_only_events_with_the_leaf_match()
    {
        const string pattern = "{'detail': {'state': [{'exists': true}]}}";

        Matches(pattern, Ec2Event).Should().BeTrue();
        Matches(pattern, "{'detail-type': 'EC2 Instance State-change Notification', 'detail': {'c-count': {'c1': 100}}}").Should().BeFalse();
        Matches(pattern, "{'detail': {'state': null}}").Should().BeTrue("a null value is present");
        Matches(pattern, "{'detail': {'state': {'inner': 1}}}").Should().BeFalse("exists works on leaf nodes only");
    }

    [Fact]
    public void Given_the_documented_exists_false_pattern_When_matched_Then_events_without_the_leaf_match()
    {
        const string pattern = "{'detail': {'c-count': [{'exists': false}]}}";

        Matches(pattern, "{'detail': {'state': ['initializing', 'running']}}").Should().BeTrue();
        Matches(pattern, "{'detail': {'state': 'running', 'c-count': {'c1': 100}}}").Should().BeTrue("c-count is not a leaf node");
        Matches(pattern, "{'source': 'x'}").Should().BeTrue("no detail at all means no detail.c-count");
        Matches(pattern, "{'detail': {'c-count': 5}}").Should().BeFalse();
        Matches(pattern, "{'detail': {'c-count': null}}").Should().BeFalse();
    }
}
