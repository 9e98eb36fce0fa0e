using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Kernel.Rules;

/// <summary>A target that remembers what it was given (a test double of a target, not of a module).</summary>
public sealed class RecordingTarget : IRuleTarget
{
    public ConcurrentQueue<RuleInvocation> Invocations { get; } = new();

    public string Name => "recorder";

    public Task InvokeAsync(RuleInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        return Task.CompletedTask;
    }

    public static void Register(IServiceCollection services, RecordingTarget target) =>
        services.AddScoped<IRuleTarget>(_ => target);

    public async Task<RuleInvocation> WaitForAsync(string rule, string eventId)
    {
        for (var i = 0; i < 400; i++)
        {
            var found = Invocations.FirstOrDefault(x => x.Rule == rule && x.Event.Id == eventId);
            if (found is not null) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Rule {rule} did not invoke the target for {eventId}.");
    }
}

public sealed class RuleTests
{
    private const string OrderPattern = """{"source":["shop.test"],"detail-type":["OrderPaid"],"detail":{"amount":[{"numeric":[">",10]}]}}""";

    internal static async Task<string> PutEventAsync(HttpClient client, string source, string detailType, JsonObject detail)
    {
        var response = await client.PostAsJsonAsync("/events", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject { ["Source"] = source, ["DetailType"] = detailType, ["Detail"] = detail.ToJsonString() }),
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (string)body["Entries"]![0]!["EventId"]!;
    }

    [Fact]
    public async Task Given_a_rule_in_code_with_a_transformer_When_events_are_published_Then_only_matching_ones_reach_the_target_transformed()
    {
        var target = new RecordingTarget();
        using var app = new ShopApp().WithServices(s =>
        {
            RecordingTarget.Register(s, target);
            s.AddRule("code-rule", OrderPattern, "recorder",
                TargetInput.Transformer(new Dictionary<string, string> { ["detail"] = "$.detail" }, """{"Input": <detail>}"""));
        });
        var client = app.CreateClient();

        var small = await PutEventAsync(client, "shop.test", "OrderPaid", new JsonObject { ["orderId"] = "o-1", ["amount"] = 5 });
        var big = await PutEventAsync(client, "shop.test", "OrderPaid", new JsonObject { ["orderId"] = "o-2", ["amount"] = 50 });

        var invocation = await target.WaitForAsync("code-rule", big);
        invocation.Input!.ToJsonString().Should().Be("""{"Input":{"orderId":"o-2","amount":50}}""");
        await Eventually.IdleAsync(app.Services);
        target.Invocations.Should().NotContain(i => i.Event.Id == small);
        target.Invocations.Count(i => i.Event.Id == big).Should().Be(1);
    }

    [Fact]
    public async Task Given_a_rule_in_settings_When_a_matching_event_is_published_Then_the_target_gets_the_templated_input()
    {
        var target = new RecordingTarget();
        using var app = new ShopApp()
            .With("Rules:0:Name", "settings-rule")
            .With("Rules:0:Pattern", OrderPattern)
            .With("Rules:0:Target", "recorder")
            .With("Rules:0:InputPathsMap:order", "$.detail.orderId")
            .With("Rules:0:InputTemplate", """{"order": <order>, "text": "order <order> paid"}""")
            .WithServices(s => RecordingTarget.Register(s, target));
        var client = app.CreateClient();

        var id = await PutEventAsync(client, "shop.test", "OrderPaid", new JsonObject { ["orderId"] = "o-3", ["amount"] = 11 });

        var invocation = await target.WaitForAsync("settings-rule", id);
        invocation.Input!.ToJsonString().Should().Be("""{"order":"o-3","text":"order o-3 paid"}""");
        var rules = await client.GetFromJsonAsync<JsonArray>("/rules");
        var listed = rules!.Single(r => (string)r!["name"]! == "settings-rule")!;
        ((string)listed["target"]!).Should().Be("recorder");
        ((string)listed["origin"]!).Should().Be("settings Rules:0");
    }

    [Fact]
    public async Task Given_a_rule_in_settings_with_an_object_pattern_When_a_matching_event_is_published_Then_the_target_gets_the_whole_event()
    {
        var target = new RecordingTarget();
        using var app = new ShopApp()
            .With("Rules:0:Name", "object-rule")
            .With("Rules:0:Pattern:source:0", "shop.test")
            .With("Rules:0:Pattern:detail:amount:0:numeric:0", ">")
            .With("Rules:0:Pattern:detail:amount:0:numeric:1", "10")
            .With("Rules:0:Target", "recorder")
            .WithServices(s => RecordingTarget.Register(s, target));
        var client = app.CreateClient();

        var id = await PutEventAsync(client, "shop.test", "Anything", new JsonObject { ["amount"] = 12 });

        var invocation = await target.WaitForAsync("object-rule", id);
        ((string)invocation.Input!["detail-type"]!).Should().Be("Anything");
    }

    [Fact]
    public void Given_an_invalid_pattern_in_settings_When_the_host_starts_Then_it_fails_naming_the_rule_and_the_problem()
    {
        using var app = new ShopApp()
            .With("Rules:0:Name", "broken-rule")
            .With("Rules:0:Pattern", """{"detail":{"amount":[{"numeric":[">>",1]}]}}""")
            .With("Rules:0:Target", "recorder");

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().Which.Message.Should()
            .Contain("broken-rule").And.Contain("detail.amount").And.Contain("numeric comparison \">>\" is unknown");
    }

    [Fact]
    public void Given_an_invalid_pattern_in_code_When_the_host_starts_Then_it_fails_naming_the_rule()
    {
        using var app = new ShopApp().WithServices(s => s.AddRule("bad-code-rule", """{"source":"not-an-array"}""", "recorder"));

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().Which.Message.Should()
            .Contain("bad-code-rule").And.Contain("source: expected an array");
    }

    [Fact]
    public void Given_a_rule_whose_target_does_not_exist_When_the_host_starts_Then_it_fails_naming_the_rule_and_target()
    {
        using var app = new ShopApp()
            .With("Rules:0:Name", "lost-rule")
            .With("Rules:0:Pattern", """{"source":["x"]}""")
            .With("Rules:0:Target", "nobody");

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("lost-rule").And.Contain("'nobody'");
    }

    [Fact]
    public async Task Given_the_shop_When_rules_are_listed_Then_the_fulfillment_rule_shows_its_pattern_and_transformer()
    {
        using var app = new ShopApp();
        var rules = await app.CreateClient().GetFromJsonAsync<JsonArray>("/rules");

        var rule = rules!.Single(r => (string)r!["name"]! == "fulfillment-payment-authorized")!;
        rule["pattern"]!.ToJsonString().Should().Contain("PaymentAuthorizationIsDone");
        ((string)rule["input"]!["InputTransformer"]!["InputTemplate"]!).Should().Be("""{"Input": <detail>}""");
        ((string)rule["origin"]!).Should().Be("code");
    }

    [Theory]
    [InlineData("""{"source":["car"],"detail":{"result":["Success"]}}""", true)]
    [InlineData("""{"source":["car"],"detail":{"result":[{"anything-but":"Success"}]}}""", false)]
    public async Task Given_a_pattern_and_an_event_When_tested_Then_it_says_whether_it_matches(string pattern, bool matches)
    {
        using var app = new ShopApp();
        var response = await app.CreateClient().PostAsJsonAsync("/rules/test", new JsonObject
        {
            ["pattern"] = JsonNode.Parse(pattern),
            ["event"] = new JsonObject { ["source"] = "car", ["detail-type"] = "Inspection Completed", ["detail"] = new JsonObject { ["result"] = "Success" } },
            ["inputPathsMap"] = new JsonObject { ["detail"] = "$.detail" },
            ["inputTemplate"] = """{"Input": <detail>}""",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        ((bool)body["matches"]!).Should().Be(matches);
        if (matches) body["input"]!.ToJsonString().Should().Be("""{"Input":{"result":"Success"}}""");
    }

    [Theory]
    [InlineData("""{"pattern":{"detail":{"price":[{"prefix":5}]}},"event":{}}""", "detail.price")]
    [InlineData("""{"pattern":"{not json","event":{}}""", "not valid JSON")]
    [InlineData("""{"pattern":{"source":["a"]}}""", "'event' is required")]
    [InlineData("""{"event":{}}""", "'pattern' is required")]
    [InlineData("""{"pattern":{"source":["a"]},"event":{},"inputTemplate":"{\"a\": <nope>}"}""", "unknown placeholder <nope>")]
    public async Task Given_a_bad_test_request_When_tested_Then_400_says_what_is_wrong(string body, string problem)
    {
        using var app = new ShopApp();
        var response = await app.CreateClient().PostAsync(new Uri("/rules/test", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(problem);
    }
}
