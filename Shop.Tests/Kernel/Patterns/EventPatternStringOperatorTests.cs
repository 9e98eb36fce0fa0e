using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;
using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>The string operators: prefix, suffix, equals-ignore-case (alone and inside prefix/suffix) and wildcard.</summary>
public sealed class EventPatternStringOperatorTests
{
    [Theory]
    [InlineData("2017-10-02T18:43:48Z", true)]
    [InlineData("2017-10-02", true)]
    [InlineData("2017-10-03T00:00:00Z", false)]
    [InlineData("x2017-10-02", false)]
    public void Given_the_documented_prefix_pattern_When_matched_Then_only_values_starting_with_it_match(string time, bool expected) =>
        Matches("{'time': [{'prefix': '2017-10-02'}]}", $"{{'time': '{time}'}}").Should().Be(expected);

    [Fact]
    public void Given_a_prefix_When_the_value_is_not_a_string_Then_it_does_not_match() =>
        Matches("{'x': [{'prefix': '12'}]}", "{'x': 123}").Should().BeFalse();

    [Theory]
    [InlineData("EventBridge", true)]
    [InlineData("EVENTBRIDGE", true)]
    [InlineData("eventbus", true)]
    [InlineData("Event", false)]
    [InlineData("MyEventBridge", false)]
    public void Given_the_documented_prefix_ignoring_case_When_matched_Then_case_does_not_matter(string service, bool expected) =>
        Matches("{'detail': {'service': [{'prefix': {'equals-ignore-case': 'EventB'}}]}}", WithDetail($"{{'service': '{service}'}}"))
            .Should().Be(expected);

    [Theory]
    [InlineData("image.png", true)]
    [InlineData(".png", true)]
    [InlineData("image.PNG", false)]
    [InlineData("image.png.jpg", false)]
    public void Given_the_documented_suffix_pattern_When_matched_Then_only_values_ending_with_it_match(string file, bool expected) =>
        Matches("{'FileName': [{'suffix': '.png'}]}", $"{{'FileName': '{file}'}}").Should().Be(expected);

    [Theory]
    [InlineData("image.png", true)]
    [InlineData("image.PNG", true)]
    [InlineData("image.Png", true)]
    [InlineData("image.jpg", false)]
    public void Given_the_documented_suffix_ignoring_case_When_matched_Then_case_does_not_matter(string file, bool expected) =>
        Matches("{'detail': {'FileName': [{'suffix': {'equals-ignore-case': '.png'}}]}}", WithDetail($"{{'FileName': '{file}'}}"))
            .Should().Be(expected);

    [Theory]
    [InlineData("Alice", true)]
    [InlineData("alice", true)]
    [InlineData("ALICE", true)]
    [InlineData("Alicia", false)]
    public void Given_equals_ignore_case_When_matched_Then_only_the_same_letters_in_any_case_match(string name, bool expected) =>
        Matches("{'Name': [{'equals-ignore-case': 'alice'}]}", $"{{'Name': '{name}'}}").Should().Be(expected);

    [Theory]
    [InlineData("dir/a.png", true)]
    [InlineData("dir/sub/a.png", true)]
    [InlineData("dir/.png", true)]
    [InlineData("dir/a.jpg", false)]
    [InlineData("other/a.png", false)]
    public void Given_the_documented_wildcard_pattern_When_matched_Then_star_matches_any_run_of_characters(string path, bool expected) =>
        Matches("{'FilePath': [{'wildcard': 'dir/*.png'}]}", $"{{'FilePath': '{path}'}}").Should().Be(expected);

    [Theory]
    [InlineData("Simple*Service", "SimpleNotificationService", true)]
    [InlineData("Simple*Service", "SimpleService", true)]
    [InlineData("Simple*Service", "SimpleServices", false)]
    [InlineData("*Title*", "The Title Here", true)]
    [InlineData("*Title*", "The title here", false)]
    [InlineData("a*b*c", "abbbc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("*", "", true)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "axb", false)]
    [InlineData(@"a\*\**", "a**xyz", true)]
    [InlineData(@"a\\*", @"a\anything", true)]
    [InlineData(@"a\\*", "anything", false)]
    public void Given_a_wildcard_When_matched_Then_escapes_and_stars_behave_as_documented(string wildcard, string value, bool expected) =>
        EventPattern.Parse(new JsonObject { ["x"] = new JsonArray(new JsonObject { ["wildcard"] = wildcard }) })
            .Matches(new JsonObject { ["x"] = value })
            .Should().Be(expected);
}
