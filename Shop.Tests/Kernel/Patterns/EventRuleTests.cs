using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Patterns;
using static Shop.Tests.Kernel.Patterns.PatternText;

namespace Shop.Tests.Kernel.Patterns;

public sealed class EventRuleTests
{
    private static readonly EventEnvelope PaymentDone = new("0", "e-1", "PaymentAuthorizationIsDone", "payments",
        EventEnvelope.LocalAccount, DateTimeOffset.UnixEpoch, EventEnvelope.LocalRegion, [],
        new JsonObject { ["paymentInstrumentType"] = "creditCard", ["paymentAuthorized"] = true });

    [Fact]
    public void Given_the_fulfillment_rule_When_the_payment_event_arrives_Then_the_target_gets_the_transformed_detail()
    {
        var rule = EventRule.Create("payment-done", J("{'detail-type': ['PaymentAuthorizationIsDone'], 'detail': {'paymentAuthorized': [true]}}"),
            TargetInput.Transformer(new Dictionary<string, string> { ["detail"] = "$.detail" }, "{\"Input\": <detail>}"));

        rule.TryTransform(PaymentDone, out var input).Should().BeTrue();

        input!.ToJsonString().Should().Be("{\"Input\":{\"paymentInstrumentType\":\"creditCard\",\"paymentAuthorized\":true}}");
    }

    [Fact]
    public void Given_a_rule_When_the_event_does_not_match_Then_there_is_no_input()
    {
        var rule = EventRule.Create("payment-failed", J("{'detail-type': ['PaymentAuthorizationFailed']}"));

        rule.TryTransform(PaymentDone, out var input).Should().BeFalse();
        input.Should().BeNull();
        rule.Matches(System.Text.Json.JsonSerializer.SerializeToNode(PaymentDone, EventEnvelope.Json)!).Should().BeFalse();
    }

    [Fact]
    public void Given_a_rule_without_input_When_it_matches_Then_the_target_gets_the_whole_event()
    {
        var rule = EventRule.Create("all-payments", J("{'source': ['payments']}"));
        var evt = JsonNode.Parse(J("{'source': 'payments', 'detail-type': 'X', 'detail': {'a': 1}}"))!;

        rule.TryTransform(evt, out var input).Should().BeTrue();

        JsonNode.DeepEquals(input, evt).Should().BeTrue();
    }

    [Fact]
    public void Given_a_rule_with_the_rule_name_in_its_template_When_it_matches_Then_its_own_name_is_used()
    {
        var rule = EventRule.Create("notify", J("{'source': ['payments']}"),
            TargetInput.Transformer(new Dictionary<string, string>(), J("'<aws.events.rule-name> fired'")));

        rule.TryTransform(PaymentDone, out var input).Should().BeTrue();

        input!.GetValue<string>().Should().Be("notify fired");
    }

    [Fact]
    public void Given_an_invalid_pattern_When_a_rule_is_created_Then_it_is_refused()
    {
        var create = () => EventRule.Create("bad", J("{'source': 'payments'}"));

        create.Should().Throw<InvalidEventPatternException>()
            .WithMessage("source: expected an array of values to match or a nested object, found string");
    }
}
