using System.Diagnostics;
using System.Net;
using Shop.Modules.Kernel.Telemetry;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Orders.PlaceOrder;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Orders.EventDriven;
using ChoreographyOrder = Shop.Tests.Orders.EventDriven.Choreography;
using Shop.Tests.Orders.Orchestrated;
using Xunit.Abstractions;

namespace Shop.Tests.Observability;

/// <summary>
/// An order is one trace (docs/observability.md): POST /order is the root, every step of its execution is a child of it
/// (the execution stores the request's traceparent), and each event a step publishes is handled in a child of that step
/// (the stored event carries the step's traceparent), also when the shop restarts in between.
/// </summary>
public sealed class OrderTraceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Given_tracing_When_an_orchestrated_order_is_delivered_Then_one_trace_holds_POST_order_as_root_a_span_per_step_and_the_handlers_it_caused()
    {
        var spans = new Captured<Activity>();
        using var shop = new OrchestratedOrderDriver(app => app.WithTracing(spans));
        var order = await shop.PlaceAsync();
        await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");
        (await shop.GetAsync($"/delivery/delivered/{order.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
        ((string)(await shop.WaitForEndAsync(order.ExecutionId))["status"]!).Should().Be(ExecutionStatus.Succeeded);
        var entered = await shop.EnteredStatesAsync(order.ExecutionId);

        var steps = await StepsAsync(spans, order.ExecutionId, entered.Count);
        Dump(spans, steps[0].TraceId);

        steps.Select(s => s.Tag(ShopTags.State)).Should().Equal(entered, "one span per step, in the order the states were entered");
        steps.Select(s => s.DisplayName).Should().Equal(entered.Select(state => $"step {OrderWorkflow.Name}/{state}"));
        var traceId = steps[0].TraceId;
        steps.Should().OnlyContain(s => s.TraceId == traceId, "an order is one trace");
        var trace = spans.Snapshot().Where(s => s.TraceId == traceId).ToArray();

        var root = trace.Should().ContainSingle(s => s.ParentSpanId == default, "the trace has one root").Subject;
        root.DisplayName.Should().Be("POST /order");
        root.Kind.Should().Be(ActivityKind.Server);
        root.Tag("http.response.status_code").Should().Be("202");
        steps.Should().OnlyContain(s => s.ParentSpanId == root.SpanId, "every step's parent is the request that started the execution");
        steps.Should().OnlyContain(s => s.Tag(ShopTags.Workflow) == OrderWorkflow.Name && s.Tag(ShopTags.ExecutionId) == order.ExecutionId);
        steps[^1].Tag(ShopTags.ExecutionStatus).Should().Be(ExecutionStatus.Succeeded);

        // The handlers the steps' events reached: children of the step that published, named after the event and the subscriber.
        var handlers = trace.Where(s => s.DisplayName.StartsWith("handle ", StringComparison.Ordinal)).ToArray();
        handlers.Should().NotBeEmpty();
        handlers.Should().OnlyContain(h => h.Kind == ActivityKind.Consumer && h.IsShop());
        handlers.Should().OnlyContain(h => trace.Any(s => s.SpanId == h.ParentSpanId), "a handler's parent is the span that published its event");
        handlers.Should().Contain(h => steps.Any(s => s.SpanId == h.ParentSpanId), "events published by steps are handled in the order's trace");
        handlers.Should().Contain(h => h.DisplayName == $"handle {OrchestratedOrderEvents.Source}.{OrchestratedOrderEvents.OrderWaitingForDelivery} → {h.Tag("messaging.consumer.group.name")}"
            && h.Tag(ShopTags.EventDetailType) == OrchestratedOrderEvents.OrderWaitingForDelivery);
        handlers.Should().OnlyContain(h => h.Status != ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Given_an_order_waiting_for_its_delivery_When_the_shop_restarts_Then_the_steps_after_the_restart_are_in_the_original_trace()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var before = new Captured<Activity>();
            OrderAccepted order;
            Activity firstStep;
            using (var shop = new OrchestratedOrderDriver(app => app.With("Shop:DataFolder", folder).WithTracing(before)))
            {
                order = await shop.PlaceAsync();
                await shop.WaitInStateAsync(order.ExecutionId, "Wait For Delivery");
                firstStep = (await StepsAsync(before, order.ExecutionId, 1))[0];
            }

            var after = new Captured<Activity>();
            using (var shop = new OrchestratedOrderDriver(app => app.With("Shop:DataFolder", folder).WithTracing(after)))
            {
                (await shop.GetAsync($"/delivery/delivered/{order.CustomerId}/{order.OrderId}")).Status.Should().Be(HttpStatusCode.OK);
                ((string)(await shop.WaitForEndAsync(order.ExecutionId))["status"]!).Should().Be(ExecutionStatus.Succeeded);

                var continued = await StepsAsync(after, order.ExecutionId, 3);
                continued.Select(s => s.Tag(ShopTags.State)).Should().Equal("Delivered?", "Update Order Delivered", "Delivered");
                continued.Should().OnlyContain(s => s.TraceId == firstStep.TraceId, "the trace context was stored with the execution");
                continued.Should().OnlyContain(s => s.ParentSpanId == firstStep.ParentSpanId, "the parent is still the POST /order of the first host");
                var description = await shop.GetAsync($"/workflows/executions/{order.ExecutionId}");
                description.Text("traceId").Should().Be(firstStep.TraceId.ToHexString());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Given_tracing_When_an_event_driven_order_runs_to_delivery_Then_its_events_carry_one_trace_and_each_is_handled_in_it()
    {
        var spans = new Captured<Activity>();
        using var app = new ShopApp().WithTracing(spans);
        var orderId = await app.CreateClient().CreateOrderAsync("customer-1", "item-1");
        await app.SettleAsync();

        var events = await app.StoredEventsAsync(orderId);
        events.Select(e => e.DetailType).Should().Equal(ChoreographyOrder.UpToDelivering);
        var traceIds = events.Select(e => ShopTelemetry.TraceIdOf(e.TraceParent)).Distinct().ToArray();
        var traceId = traceIds.Should().ContainSingle("every event of the choreography stores the trace of the request that began it").Subject;
        traceId.Should().NotBeNull();

        // A delivery's span ends after its handler's commit: wait for the last one.
        var trace = await Eventually.UntilAsync(() => Task.FromResult(spans.Snapshot().Where(s => s.TraceId.ToHexString() == traceId).ToArray()),
            t => ChoreographyOrder.UpToDelivering.All(type => t.Any(s => s.Tag(ShopTags.EventDetailType) == type)),
            t => $"handled so far: {string.Join(", ", t.Select(s => s.DisplayName))}");
        var root = trace.Should().ContainSingle(s => s.ParentSpanId == default).Subject;
        root.DisplayName.Should().Be("GET /order/create/{customerId}/{itemId}");
        var handlers = trace.Where(s => s.IsShop()).ToArray();
        handlers.Should().OnlyContain(h => h.DisplayName.StartsWith("handle ", StringComparison.Ordinal) && trace.Any(s => s.SpanId == h.ParentSpanId));
        // Each event's handlers are children of the span that published it: the stored traceparent names that span.
        foreach (var stored in events)
        {
            var publisher = ActivityContext.Parse(stored.TraceParent!, null).SpanId;
            handlers.Where(h => h.Tag("messaging.message.id") == stored.EventId).Should().NotBeEmpty()
                .And.OnlyContain(h => h.ParentSpanId == publisher, $"{stored.DetailType} is handled under the span that published it");
        }
    }

    /// <summary>The step spans of one execution, by start, once <paramref name="count"/> of them have ended (a span ends after its commit).</summary>
    private static async Task<Activity[]> StepsAsync(Captured<Activity> spans, string executionId, int count)
    {
        Activity[] Steps() => spans.Snapshot().Where(s => s.IsShop() && s.Tag(ShopTags.ExecutionId) == executionId)
            .OrderBy(s => s.StartTimeUtc).ToArray();
        return await Eventually.UntilAsync(() => Task.FromResult(Steps()), s => s.Length >= count,
            s => $"{s.Length} step spans of {executionId}, not {count}: {string.Join(", ", s.Select(x => x.DisplayName))}");
    }

    private void Dump(Captured<Activity> spans, ActivityTraceId traceId)
    {
        foreach (var span in spans.Snapshot().Where(s => s.TraceId == traceId).OrderBy(s => s.StartTimeUtc))
            output.WriteLine($"{span.SpanId} <- {span.ParentSpanId} {span.Kind} {span.DisplayName} [{span.Status}]");
    }
}
