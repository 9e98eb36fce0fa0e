using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>The shape of a pattern against the shape of an event: $or, arrays in events, nested objects, a key given twice.</summary>
public sealed class EventPatternStructureTests
{
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
}
