using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;
using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

public sealed class EventPatternValidationTests
{
    private static InvalidEventPatternException Invalid(string pattern)
    {
        var parse = () => EventPattern.Parse(J(pattern));
        return parse.Should().Throw<InvalidEventPatternException>().Which;
    }

    [Theory]
    [InlineData("[]", "pattern: must be a JSON object, found array")]
    [InlineData("'source'", "pattern: must be a JSON object, found string")]
    [InlineData("{}", "pattern: must have at least one field")]
    [InlineData("{'source': 'aws.ec2'}", "source: expected an array of values to match or a nested object, found string")]
    [InlineData("{'detail': {'n': 5}}", "detail.n: expected an array of values to match or a nested object, found number")]
    [InlineData("{'detail': {}}", "detail: must have at least one field")]
    [InlineData("{'source': []}", "source: the array of values to match must not be empty")]
    [InlineData("{'detail': {'state': [['a']]}}", "detail.state: values to match cannot be nested arrays")]
    public void Given_a_malformed_structure_When_parsed_Then_the_message_names_the_path(string pattern, string message) =>
        Invalid(pattern).Message.Should().Be(message);

    [Fact]
    public void Given_text_that_is_not_json_When_parsed_Then_it_says_so()
    {
        var error = Invalid("{'source': [");

        error.Message.Should().StartWith("pattern: not valid JSON: ");
        error.Path.Should().Be("pattern");
    }

    [Theory]
    [InlineData("{'detail': {'type': [{'contains': 'x'}]}}",
        "detail.type: unknown operator \"contains\"; expected one of prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr")]
    [InlineData("{'x': [{'prefix': 'a', 'suffix': 'b'}]}", "x: an operator object must have exactly one key, found 2")]
    [InlineData("{'x': [{}]}", "x: an operator object must have exactly one key, found 0")]
    [InlineData("{'x': [{'prefix': 5}]}", "x: prefix expects a string or {\"equals-ignore-case\": \"...\"}, found number")]
    [InlineData("{'x': [{'suffix': {'wildcard': 'a'}}]}", "x: suffix expects a string or {\"equals-ignore-case\": \"...\"}")]
    [InlineData("{'x': [{'equals-ignore-case': ['a']}]}", "x: equals-ignore-case expects a string, found array")]
    [InlineData("{'x': [{'exists': 'yes'}]}", "x: exists expects true or false, found string")]
    [InlineData("{'x': [{'wildcard': 'a**b'}]}", "x: wildcard \"a**b\": consecutive * are not allowed")]
    [InlineData("{'x': [{'wildcard': 'a\\\\b'}]}", "x: wildcard \"a\\b\": a backslash may only escape * or \\")]
    [InlineData("{'x': [{'cidr': '10.0.0.0/33'}]}", "x: cidr \"10.0.0.0/33\" has an invalid prefix length; expected 0 to 32")]
    [InlineData("{'x': [{'cidr': 'localhost'}]}", "x: cidr \"localhost\" is not an IP address or range like 10.0.0.0/24")]
    public void Given_a_bad_operator_When_parsed_Then_the_message_says_what_is_wrong(string pattern, string message) =>
        Invalid(pattern).Message.Should().Be(message);

    [Theory]
    [InlineData("{'detail': {'price': [{'numeric': ['>', 0, '<=']}]}}")]
    [InlineData("{'detail': {'price': [{'numeric': [0, '>']}]}}")]
    [InlineData("{'detail': {'price': [{'numeric': '>0'}]}}")]
    [InlineData("{'detail': {'price': [{'numeric': ['>', '0']}]}}")]
    [InlineData("{'detail': {'price': [{'numeric': ['>', 0, '<', 5, '<', 6]}]}}")]
    public void Given_a_numeric_operator_without_pairs_When_parsed_Then_it_asks_for_pairs(string pattern)
    {
        var error = Invalid(pattern);

        error.Message.Should().Be("detail.price: numeric operator expects pairs of comparison and number, like [\">\", 0, \"<=\", 5]");
        error.Path.Should().Be("detail.price");
    }

    [Theory]
    [InlineData("['!=', 5]", "numeric comparison \"!=\" is unknown; expected =, <, <=, > or >=")]
    [InlineData("['>', 2e9]", "numeric value 2000000000 is out of range; values must be between -1e9 and 1e9")]
    [InlineData("['<', 5, '>', 0]", "a numeric range must be a lower bound (> or >=) followed by an upper bound (< or <=)")]
    [InlineData("['=', 5, '<', 6]", "a numeric range must be a lower bound (> or >=) followed by an upper bound (< or <=)")]
    [InlineData("['>', 5, '<', 5]", "numeric range is empty: lower bound 5 must be below upper bound 5")]
    public void Given_a_bad_numeric_range_When_parsed_Then_the_problem_is_named(string numeric, string problem) =>
        Invalid($"{{'price': [{{'numeric': {numeric}}}]}}").Message.Should().Be($"price: {problem}");

    [Theory]
    [InlineData("{'x': [{'anything-but': ['a', 1]}]}", "x: anything-but expects a non-empty list of only strings or only numbers")]
    [InlineData("{'x': [{'anything-but': []}]}", "x: anything-but expects a non-empty list of only strings or only numbers")]
    [InlineData("{'x': [{'anything-but': {'prefix': ['a', 'b']}}]}", "x: anything-but prefix expects a single string")]
    [InlineData("{'x': [{'anything-but': {'numeric': ['>', 1]}}]}",
        "x: anything-but supports prefix, suffix, equals-ignore-case or wildcard, not \"numeric\"")]
    [InlineData("{'x': [{'anything-but': {'wildcard': 5}}]}", "x: anything-but wildcard expects a string or a non-empty list of strings")]
    [InlineData("{'x': [{'anything-but': true}]}",
        "x: anything-but expects a string, a number, a list of strings or numbers, or an object with prefix, suffix, equals-ignore-case or wildcard; found boolean")]
    public void Given_a_bad_anything_but_When_parsed_Then_the_problem_is_named(string pattern, string message) =>
        Invalid(pattern).Message.Should().Be(message);

    [Theory]
    [InlineData("{'$or': [{'a': ['x']}]}", "$or: $or expects an array of at least two patterns")]
    [InlineData("{'detail': {'$or': {'a': ['x']}}}", "detail.$or: $or expects an array of at least two patterns")]
    [InlineData("{'$or': [{'a': ['x']}, {'b': 'y'}]}", "$or[1].b: expected an array of values to match or a nested object, found string")]
    [InlineData("{'$or': [{'a': ['x']}, ['b']]}", "$or[1]: must be a JSON object, found array")]
    [InlineData("{'detail': {'$or': [{'a': ['x']}, {'c': {'$or': [{'d': ['1']}, {'e': [{'numeric': ['>']}]}]}}]}}",
        "detail.$or[1].c.$or[1].e: numeric operator expects pairs of comparison and number, like [\">\", 0, \"<=\", 5]")]
    public void Given_a_bad_or_When_parsed_Then_the_path_leads_into_the_alternative(string pattern, string message) =>
        Invalid(pattern).Message.Should().Be(message);

    [Fact]
    public void Given_an_invalid_pattern_When_it_escapes_an_endpoint_Then_it_is_a_400_naming_the_field()
    {
        var error = Invalid("{'detail': {'price': [{'numeric': ['>']}]}}");

        error.Should().BeAssignableTo<DomainException>();
        error.StatusCode.Should().Be(400);
        error.Extensions["field"].Should().Be("detail.price");
    }

    [Fact]
    public void Given_a_valid_pattern_When_parsed_from_a_node_Then_it_keeps_its_compact_json()
    {
        var node = JsonNode.Parse(J("{ 'source': [ 'order' ], 'detail': { 'total': [ { 'numeric': [ '>', 0 ] } ] } }"))!;

        var pattern = EventPattern.Parse(node);

        pattern.Json.Should().Be(J("{'source':['order'],'detail':{'total':[{'numeric':['>',0]}]}}"));
        pattern.ToString().Should().Be(pattern.Json);
    }
}
