using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>
/// Matching semantics, mostly with the examples of the EventBridge documentation ("Event patterns",
/// "Content filtering in Amazon EventBridge event patterns", "Comparison operators", arrays, null values).
/// Patterns and events are written with ' for " to stay readable.
/// </summary>
public sealed class EventPatternMatchingTests
{
    // The EC2 example event of the "Event patterns" page.
    private const string Ec2Event = """
        {'version': '0', 'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
         'detail-type': 'EC2 Instance State-change Notification', 'source': 'aws.ec2', 'account': '111122223333',
         'time': '2017-12-22T18:43:48Z', 'region': 'us-west-1',
         'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
         'detail': {'instance-id': 'i-1234567890abcdef0', 'state': 'terminated'}}
        """;

    internal static string J(string text) => text.Replace('\'', '"');

    private static bool Matches(string pattern, string evt) =>
        EventPattern.Parse(J(pattern)).Matches(JsonNode.Parse(J(evt)));

    /// <summary>An envelope around the given detail JSON.</summary>
    private static string WithDetail(string detail) =>
        $"{{'source': 'shop', 'detail-type': 'Test', 'time': '2017-10-02T18:43:48Z', 'detail': {detail}}}";

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

    [Theory]
    [InlineData("{'Location': 'New York', 'Day': 'Tuesday'}", true)]
    [InlineData("{'Location': 'Boston', 'Day': 'Monday'}", true)]
    [InlineData("{'Location': 'New York', 'Day': 'Monday'}", true)]
    [InlineData("{'Location': 'Boston', 'Day': 'Tuesday'}", false)]
    [InlineData("{}", false)]
    public void Given_the_documented_or_pattern_When_matched_Then_either_alternative_suffices(string evt, bool expected) =>
        Matches("{'$or': [{'Location': ['New York']}, {'Day': ['Monday']}]}", evt).Should().Be(expected);

    [Theory]
    [InlineData("{'source': 'aws.cloudwatch', 'metricName': 'CPUUtilization'}", true)]
    [InlineData("{'source': 'aws.cloudwatch', 'metricType': 'MetricType', 'namespace': 'AWS/EC2', 'spaceId': 1000}", true)]
    [InlineData("{'source': 'aws.cloudwatch', 'metricType': 'MetricType', 'namespace': 'AWS/EC2', 'spaceId': 1}", false)]
    [InlineData("{'source': 'aws.cloudwatch', 'namespace': 'AWS/EC2', 'metricId': 1234}", false)]
    [InlineData("{'source': 'aws.cloudwatch', 'scope': 'Service'}", true)]
    [InlineData("{'source': 'aws.ec2', 'scope': 'Service'}", false)]
    public void Given_nested_or_and_and_When_matched_Then_the_boolean_structure_holds(string evt, bool expected) =>
        Matches("""
            {'source': ['aws.cloudwatch'],
             '$or': [
               {'metricName': ['CPUUtilization', 'ReadLatency']},
               {'metricType': ['MetricType'], 'namespace': ['AWS/EC2', 'AWS/ES'],
                '$or': [{'metricId': [1234]}, {'spaceId': [1000]}]},
               {'scope': ['Service']}]}
            """, evt).Should().Be(expected);

    [Fact]
    public void Given_an_or_inside_detail_When_matched_Then_it_applies_at_that_level()
    {
        const string pattern = "{'source': ['order'], 'detail': {'$or': [{'status': ['Placed']}, {'amount': [{'numeric': ['>', 100]}]}]}}";

        Matches(pattern, "{'source': 'order', 'detail': {'status': 'Placed', 'amount': 1}}").Should().BeTrue();
        Matches(pattern, "{'source': 'order', 'detail': {'status': 'Shipped', 'amount': 101}}").Should().BeTrue();
        Matches(pattern, "{'source': 'order', 'detail': {'status': 'Shipped', 'amount': 100}}").Should().BeFalse();
        Matches(pattern, "{'source': 'order'}").Should().BeFalse();
    }

    [Fact]
    public void Given_the_documented_resources_pattern_When_the_event_array_shares_an_element_Then_it_matches()
    {
        const string pattern = """
            {'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
                           'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
                           'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f']}
            """;

        Matches(pattern, """
            {'resources': ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate',
                           'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f']}
            """).Should().BeTrue();
        Matches(pattern, "{'resources': ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f']}").Should().BeFalse();
        Matches(pattern, "{'resources': []}").Should().BeFalse();
    }

    [Fact]
    public void Given_an_array_of_objects_When_matched_Then_fields_must_match_within_one_element()
    {
        const string evt = """
            {'employees': [{'firstName': 'John', 'lastName': 'Doe'},
                           {'firstName': 'Anna', 'lastName': 'Smith'},
                           {'firstName': 'Peter', 'lastName': 'Jones'}]}
            """;

        Matches("{'employees': {'firstName': ['Anna']}}", evt).Should().BeTrue();
        Matches("{'employees': {'firstName': ['Anna'], 'lastName': ['Smith']}}", evt).Should().BeTrue();
        Matches("{'employees': {'firstName': ['Anna'], 'lastName': ['Jones']}}", evt).Should().BeFalse("Anna and Jones are different employees");
        Matches("{'employees': {'firstName': ['Peter']}}", "{'employees': [[{'firstName': 'Peter'}]]}").Should().BeTrue("nested arrays are crushed");
    }

    [Fact]
    public void Given_a_nested_pattern_When_the_event_has_a_leaf_or_nothing_there_Then_it_does_not_match()
    {
        const string pattern = "{'detail': {'order': {'status': ['Placed']}}}";

        Matches(pattern, "{'detail': {'order': {'status': 'Placed', 'id': 'o-1'}}}").Should().BeTrue();
        Matches(pattern, "{'detail': {'order': 'Placed'}}").Should().BeFalse();
        Matches(pattern, "{'detail': {}}").Should().BeFalse();
        Matches(pattern, "{'detail': {'order': {'status': 'Shipped'}}}").Should().BeFalse();
        Matches("{'detail': {'state': ['running']}}", "{'detail': {'state': {'running': 1}}}").Should().BeFalse("a leaf pattern needs a leaf value");
    }

    [Fact]
    public void Given_a_key_twice_When_matched_Then_only_the_last_one_counts_as_documented()
    {
        const string pattern = "{'detail': {'location': [{'prefix': 'us-'}], 'location': [{'anything-but': 'us-east'}]}}";

        Matches(pattern, WithDetail("{'location': 'eu-west'}")).Should().BeTrue();
        Matches(pattern, WithDetail("{'location': 'us-east'}")).Should().BeFalse();
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
