using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Patterns;
using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>
/// Matching semantics, mostly with the examples of the EventBridge documentation ("Event patterns",
/// "Content filtering in Amazon EventBridge event patterns", "Comparison operators", arrays, null values).
/// Patterns and events are written with ' for " to stay readable.
/// Exact values, envelopes and compiled-pattern cost here; the operators and the structure ($or, arrays, nesting)
/// have test classes of their own beside this one.
/// </summary>
public sealed class EventPatternMatchingTests
{
    [Fact]
    public void Given_the_ec2_termination_pattern_When_the_documented_event_is_matched_Then_it_matches_and_other_states_do_not()
    {
        const string pattern = "{'source': ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], 'detail': {'state': ['terminated']}}";

        Matches(pattern, Ec2Event).Should().BeTrue();
        Matches(pattern, Ec2Event.Replace("terminated", "running", StringComparison.Ordinal)).Should().BeFalse();
        Matches(pattern, Ec2Event.Replace("aws.ec2", "aws.s3", StringComparison.Ordinal)).Should().BeFalse();
    }

    [Theory]
    [InlineData("{'source': ['aws.ec2', 'aws.fargate']}", "{'source': 'aws.fargate'}", true)]
    [InlineData("{'source': ['aws.ec2', 'aws.fargate']}", "{'source': 'aws.s3'}", false)]
    [InlineData("{'source': ['aws.ec2']}", "{'source': 'AWS.EC2'}", false)]
    [InlineData("{'source': ['aws.ec2']}", "{'other': 'aws.ec2'}", false)]
    [InlineData("{'x': [300]}", "{'x': 3.0e2}", true)]
    [InlineData("{'x': [300]}", "{'x': 300.5}", false)]
    [InlineData("{'x': [300]}", "{'x': '300'}", false)]
    [InlineData("{'x': ['300']}", "{'x': 300}", false)]
    [InlineData("{'x': [true]}", "{'x': true}", true)]
    [InlineData("{'x': [true]}", "{'x': 'true'}", false)]
    [InlineData("{'x': [false]}", "{'x': true}", false)]
    public void Given_exact_values_When_matched_Then_type_and_value_must_both_agree(string pattern, string evt, bool expected) =>
        Matches(pattern, evt).Should().Be(expected);

    [Fact]
    public void Given_the_documented_null_and_empty_string_patterns_When_matched_Then_null_and_empty_are_not_interchangeable()
    {
        const string evt = "{'detail': {'eventVersion': '', 'responseElements': null}}";

        Matches("{'detail': {'eventVersion': ['']}}", evt).Should().BeTrue();
        Matches("{'detail': {'responseElements': [null]}}", evt).Should().BeTrue();
        Matches("{'detail': {'eventVersion': [null]}}", evt).Should().BeFalse();
        Matches("{'detail': {'responseElements': ['']}}", evt).Should().BeFalse();
        Matches("{'detail': {'missing': [null]}}", evt).Should().BeFalse("null matches a null value, not a missing field");
    }

    [Fact]
    public void Given_the_documented_complex_example_When_matched_Then_every_condition_applies()
    {
        const string pattern = """
            {'time': [{'prefix': '2017-10-02'}],
             'detail': {'state': [{'anything-but': 'initializing'}],
                        'c-count': [{'numeric': ['>', 0, '<=', 5]}],
                        'd-count': [{'numeric': ['<', 10]}],
                        'x-limit': [{'anything-but': [100, 200, 300]}],
                        'source-ip': [{'cidr': '10.0.0.0/8'}]}}
            """;
        const string detail = "{'state': 'running', 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33'}";

        Matches(pattern, WithDetail(detail)).Should().BeTrue();
        Matches(pattern, WithDetail(detail.Replace("301.8", "300", StringComparison.Ordinal))).Should().BeFalse();
        Matches(pattern, WithDetail(detail.Replace("10.0.0.33", "11.0.0.33", StringComparison.Ordinal))).Should().BeFalse();
    }

    [Fact]
    public void Given_several_values_and_operators_in_one_array_When_matched_Then_any_of_them_suffices()
    {
        const string pattern = "{'detail-type': ['Order Placed', {'prefix': 'Car '}, {'exists': false}]}";

        Matches(pattern, "{'detail-type': 'Order Placed'}").Should().BeTrue();
        Matches(pattern, "{'detail-type': 'Car Sold'}").Should().BeTrue();
        Matches(pattern, "{'source': 'x'}").Should().BeTrue();
        Matches(pattern, "{'detail-type': 'Order Shipped'}").Should().BeFalse();
    }

    [Fact]
    public void Given_the_choreography_patterns_When_matched_against_envelopes_Then_start_and_later_events_are_told_apart()
    {
        var start = EventPattern.Parse(J("{'source': ['order'], 'detail-type': ['Order Placed']}"));
        var later = EventPattern.Parse(J("{'source': ['order'], 'detail-type': [{'anything-but': 'Order Placed'}]}"));
        EventEnvelope Envelope(string type) => new("0", "e-1", type, "order", EventEnvelope.LocalAccount,
            DateTimeOffset.UnixEpoch, EventEnvelope.LocalRegion, [], new JsonObject { ["id"] = "o-1" });

        start.Matches(Envelope("Order Placed")).Should().BeTrue();
        later.Matches(Envelope("Order Placed")).Should().BeFalse();
        start.Matches(Envelope("Order Confirmed")).Should().BeFalse();
        later.Matches(Envelope("Order Confirmed")).Should().BeTrue();
    }

    [Fact]
    public void Given_events_built_in_code_When_matched_Then_clr_backed_values_are_read_like_parsed_ones()
    {
        var pattern = EventPattern.Parse(J("{'detail': {'count': [{'numeric': ['>', 1]}], 'id': [{'prefix': '0000'}], 'flag': [true]}}"));
        var evt = new JsonObject
        {
            ["detail"] = new JsonObject { ["count"] = 2, ["id"] = JsonValue.Create(Guid.Empty), ["flag"] = true },
        };

        pattern.Matches(evt).Should().BeTrue();
        pattern.Matches(JsonNode.Parse("42")).Should().BeFalse("a non-object event has no fields");
    }

    [Fact]
    public void Given_a_compiled_pattern_When_matched_many_times_Then_it_allocates_little()
    {
        var pattern = EventPattern.Parse(J("""
            {'source': ['aws.ec2'], 'detail-type': [{'prefix': 'EC2'}],
             'detail': {'state': ['terminated', 'stopped'], 'instance-id': [{'wildcard': 'i-*'}]}}
            """));
        var evt = JsonNode.Parse(J(Ec2Event))!;
        for (var i = 0; i < 10; i++) pattern.Matches(evt).Should().BeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 1000; i++) matched += pattern.Matches(evt) ? 1 : 0;
        var perMatch = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;

        matched.Should().Be(1000);
        perMatch.Should().BeLessThan(512, "only the event's strings are read; the pattern is compiled once");
    }
}
