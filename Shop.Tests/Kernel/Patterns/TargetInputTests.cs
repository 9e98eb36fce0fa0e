using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;
using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>Target inputs, with the examples of "Transforming Amazon EventBridge target input".</summary>
public sealed class TargetInputTests
{
    private static readonly JsonNode Ec2Event = JsonNode.Parse(J("""
        {'version': '0', 'id': '7bf73129-1428-4cd3-a780-95db273d1602',
         'detail-type': 'EC2 Instance State-change Notification', 'source': 'aws.ec2', 'account': '123456789012',
         'time': '2015-11-11T21:29:54Z', 'region': 'us-east-1',
         'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
         'detail': {'instance-id': 'i-0123456789', 'state': 'RUNNING'}}
        """))!;

    private static readonly Dictionary<string, string> DocumentedPaths = new()
    {
        ["timestamp"] = "$.time",
        ["instance"] = "$.detail.instance-id",
        ["state"] = "$.detail.state",
    };

    private static JsonNode? Transform(string template, IReadOnlyDictionary<string, string>? paths = null, string ruleName = "example") =>
        TargetInput.Transformer(paths ?? DocumentedPaths, J(template)).Apply(Ec2Event, ruleName);

    private static string Json(string text) => JsonNode.Parse(J(text))!.ToJsonString();

    [Fact]
    public void Given_the_fulfillment_transformer_When_applied_Then_the_detail_becomes_the_input()
    {
        var evt = JsonNode.Parse(J("{'source': 'payments', 'detail-type': 'PaymentAuthorizationIsDone', "
            + "'detail': {'paymentInstrumentType': 'creditCard', 'paymentAuthorized': true}}"))!;

        var input = TargetInput.Transformer(new Dictionary<string, string> { ["detail"] = "$.detail" }, "{\"Input\": <detail>}")
            .Apply(evt);

        input!.ToJsonString().Should().Be(Json("{'Input': {'paymentInstrumentType': 'creditCard', 'paymentAuthorized': true}}"));
    }

    [Theory]
    [InlineData("'instance <instance> is in <state>'", "'instance i-0123456789 is in RUNNING'")]
    [InlineData(@"'instance \'<instance>\' is in <state>'", @"'instance \'i-0123456789\' is in RUNNING'")]
    [InlineData("{'instance': <instance>, 'state': <state>}", "{'instance': 'i-0123456789', 'state': 'RUNNING'}")]
    [InlineData(@"{'instance': <instance>, 'state': '<state>', 'instanceStatus': 'instance \'<instance>\' is in <state>'}",
        @"{'instance': 'i-0123456789', 'state': 'RUNNING', 'instanceStatus': 'instance \'i-0123456789\' is in RUNNING'}")]
    [InlineData("{'instance': <instance>, 'state': [9, <state>, true], 'Transformed': 'Yes'}",
        "{'instance': 'i-0123456789', 'state': [9, 'RUNNING', true], 'Transformed': 'Yes'}")]
    [InlineData("'<aws.events.rule-name> triggered'", "'example triggered'")]
    [InlineData("{'timestamp': <timestamp>, 'message': 'at <timestamp>'}", "{'timestamp': '2015-11-11T21:29:54Z', 'message': 'at 2015-11-11T21:29:54Z'}")]
    public void Given_the_documented_templates_When_applied_Then_the_documented_output_results(string template, string expected) =>
        Transform(template)!.ToJsonString().Should().Be(Json(expected));

    [Fact]
    public void Given_the_reserved_variables_When_applied_Then_rule_and_original_event_are_included()
    {
        var input = Transform("{'instance': <instance>, 'ruleArn': <aws.events.rule-arn>, 'ruleName': <aws.events.rule-name>, "
            + "'originalEvent': <aws.events.event>, 'payload': <aws.events.event.json>, 'at': <aws.events.event.ingestion-time>}")!;

        input["instance"]!.GetValue<string>().Should().Be("i-0123456789");
        input["ruleArn"]!.GetValue<string>().Should().Be("arn:aws:events:local:000000000000:rule/example");
        input["ruleName"]!.GetValue<string>().Should().Be("example");
        JsonNode.DeepEquals(input["originalEvent"], Ec2Event).Should().BeTrue();
        JsonNode.DeepEquals(input["payload"], Ec2Event).Should().BeTrue();
        input["at"]!.GetValue<string>().Should().Be("2015-11-11T21:29:54Z");
    }

    [Fact]
    public void Given_values_of_every_kind_inside_quotes_When_applied_Then_they_become_escaped_text()
    {
        var evt = JsonNode.Parse(J("{'detail': {'quote': 'say \\'hi\\'', 'n': 5, 'obj': {'a': [1, 'b']}, 'nul': null}}"))!;
        var paths = new Dictionary<string, string> { ["quote"] = "$.detail.quote", ["n"] = "$.detail.n", ["obj"] = "$.detail.obj", ["nul"] = "$.detail.nul" };

        var input = TargetInput.Transformer(paths, J("{'q': '<quote>!', 'n': 'n=<n>', 'o': '<obj>', 'z': '<nul>'}")).Apply(evt)!;

        input["q"]!.GetValue<string>().Should().Be("say \"hi\"!");
        input["n"]!.GetValue<string>().Should().Be("n=5");
        input["o"]!.GetValue<string>().Should().Be(J("{'a':[1,'b']}"));
        input["z"]!.GetValue<string>().Should().Be("null");
    }

    [Fact]
    public void Given_a_path_missing_from_the_event_When_applied_Then_it_is_null_outside_quotes_and_empty_inside()
    {
        var paths = new Dictionary<string, string> { ["missing"] = "$.detail.nothing.here" };

        var input = Transform("{'raw': <missing>, 'text': 'x<missing>y'}", paths)!;

        input.ToJsonString().Should().Be(Json("{'raw': null, 'text': 'xy'}"));
    }

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.detail", "{'instance-id': 'i-0123456789', 'state': 'RUNNING'}")]
    [InlineData("$.detail.state", "'RUNNING'")]
    [InlineData("$.detail-type", "'EC2 Instance State-change Notification'")]
    [InlineData("$['detail-type']", "'EC2 Instance State-change Notification'")]
    [InlineData("$[\"detail\"].state", "'RUNNING'")]
    [InlineData("$.resources[0]", "'arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'")]
    public void Given_an_input_path_When_applied_Then_that_part_of_the_event_is_the_input(string path, string? expected)
    {
        var input = TargetInput.Path(path).Apply(Ec2Event);

        input!.ToJsonString().Should().Be(expected is null ? Ec2Event.ToJsonString() : Json(expected));
    }

    [Theory]
    [InlineData("$.detail.missing")]
    [InlineData("$.resources[1]")]
    [InlineData("$.detail.state.deeper")]
    public void Given_an_input_path_missing_from_the_event_When_applied_Then_the_input_is_null(string path) =>
        TargetInput.Path(path).Apply(Ec2Event).Should().BeNull();

    [Fact]
    public void Given_a_constant_input_When_applied_Then_the_event_does_not_matter()
    {
        var constant = TargetInput.Constant(J("{'kind': 'tick', 'n': 1}"));

        constant.Apply(Ec2Event)!.ToJsonString().Should().Be(Json("{'kind': 'tick', 'n': 1}"));
        constant.Apply(new JsonObject())!.ToJsonString().Should().Be(Json("{'kind': 'tick', 'n': 1}"));
    }

    [Fact]
    public void Given_the_whole_event_input_When_the_result_is_changed_Then_the_event_is_not()
    {
        var input = TargetInput.WholeEvent.Apply(Ec2Event)!.AsObject();

        JsonNode.DeepEquals(input, Ec2Event).Should().BeTrue();
        input["source"] = "changed";
        Ec2Event["source"]!.GetValue<string>().Should().Be("aws.ec2");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{'Input': '{\\'a\\': 1}'}")]
    [InlineData("{'InputPath': '$.detail'}")]
    [InlineData("{'InputTransformer': {'InputPathsMap': {'detail': '$.detail'}, 'InputTemplate': '{\\'Input\\': <detail>}'}}")]
    public void Given_a_target_object_When_read_and_written_back_Then_it_round_trips(string target)
    {
        var input = TargetInput.FromTarget(JsonNode.Parse(J(target))!.AsObject());

        input.ToTarget().ToJsonString().Should().Be(Json(target));
    }

    [Fact]
    public void Given_a_target_object_with_a_transformer_When_applied_Then_it_transforms()
    {
        var target = JsonNode.Parse(J("{'InputTransformer': {'InputPathsMap': {'s': '$.detail.state'}, 'InputTemplate': '{\\'state\\': <s>}'}}"))!;

        TargetInput.FromTarget(target.AsObject()).Apply(Ec2Event)!.ToJsonString().Should().Be(Json("{'state': 'RUNNING'}"));
    }

    [Theory]
    [InlineData("{'Input': '{}', 'InputPath': '$'}", "Target: use at most one of Input, InputPath and InputTransformer, found Input, InputPath")]
    [InlineData("{'InputPath': 5}", "InputPath: must be a string")]
    [InlineData("{'InputTransformer': 'x'}", "InputTransformer: must be an object with InputPathsMap and InputTemplate")]
    [InlineData("{'InputTransformer': {'InputPathsMap': {'a': '$.a'}}}", "InputTemplate: must be a string")]
    [InlineData("{'InputTransformer': {'InputPathsMap': [], 'InputTemplate': '{}'}}", "InputTransformer.InputPathsMap: must be an object of name to JSONPath")]
    public void Given_a_malformed_target_object_When_read_Then_the_problem_is_named(string target, string message)
    {
        var read = () => TargetInput.FromTarget(JsonNode.Parse(J(target))!.AsObject());

        read.Should().Throw<InvalidInputTransformerException>().WithMessage(message);
    }

    [Theory]
    [InlineData("{'x': <nope>}", "InputTemplate: unknown placeholder <nope>; define it in InputPathsMap or use one of <aws.events.rule-name>, "
        + "<aws.events.rule-arn>, <aws.events.event>, <aws.events.event.json>, <aws.events.event.ingestion-time>")]
    [InlineData("'about <nope>'", "InputTemplate: unknown placeholder <nope>; define it in InputPathsMap or use one of <aws.events.rule-name>, "
        + "<aws.events.rule-arn>, <aws.events.event>, <aws.events.event.json>, <aws.events.event.ingestion-time>")]
    [InlineData("", "InputTemplate: must not be empty")]
    [InlineData("   ", "InputTemplate: must not be empty")]
    public void Given_a_template_with_an_unknown_placeholder_When_built_Then_it_is_refused(string template, string message)
    {
        var build = () => TargetInput.Transformer(DocumentedPaths, J(template));

        build.Should().Throw<InvalidInputTransformerException>().Which.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("{'state': <state>")]
    [InlineData("{<state>: 1}")]
    [InlineData("instance <instance> is in <state>")]
    [InlineData("{'a': 1} trailing")]
    public void Given_a_template_that_cannot_render_json_When_built_Then_it_is_refused(string template)
    {
        var build = () => TargetInput.Transformer(DocumentedPaths, J(template));

        build.Should().Throw<InvalidInputTransformerException>()
            .Which.Message.Should().StartWith("InputTemplate: does not produce valid JSON: ");
    }

    [Theory]
    [InlineData("detail", "detail", "InputPathsMap.detail: JSONPath \"detail\" must start with $ (the event)")]
    [InlineData("d", "", "InputPathsMap.d: JSONPath \"\" must not be empty")]
    [InlineData("d", "$..detail", "InputPathsMap.d: JSONPath \"$..detail\" empty field name at position 2 (recursive descent .. is not supported)")]
    [InlineData("d", "$.detail.*", "InputPathsMap.d: JSONPath \"$.detail.*\" wildcards are not supported")]
    [InlineData("d", "$.items[*]", "InputPathsMap.d: JSONPath \"$.items[*]\" [*] is not supported; use an index like [0] or a quoted name like ['name']")]
    [InlineData("d", "$.items[0", "InputPathsMap.d: JSONPath \"$.items[0\" [ at position 7 is not closed")]
    [InlineData("d", "$detail", "InputPathsMap.d: JSONPath \"$detail\" unexpected 'd' at position 1; expected . or [")]
    [InlineData("aws.events.rule-name", "$.x", "InputPathsMap.aws.events.rule-name: a name may only contain letters, digits, _ and -")]
    [InlineData("a b", "$.x", "InputPathsMap.a b: a name may only contain letters, digits, _ and -")]
    public void Given_a_bad_input_paths_map_When_built_Then_the_entry_is_named(string name, string path, string message)
    {
        var build = () => TargetInput.Transformer(new Dictionary<string, string> { [name] = path }, "{}");

        build.Should().Throw<InvalidInputTransformerException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Given_a_bad_input_path_or_constant_When_built_Then_it_is_refused()
    {
        var path = () => TargetInput.Path("detail");
        var constant = () => TargetInput.Constant("{not json");

        path.Should().Throw<InvalidInputTransformerException>().WithMessage("InputPath: JSONPath \"detail\" must start with $ (the event)");
        constant.Should().Throw<InvalidInputTransformerException>().Which.Message.Should().StartWith("Input: not valid JSON: ");
    }
}
