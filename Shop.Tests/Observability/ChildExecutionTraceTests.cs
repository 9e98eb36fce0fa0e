using System.Diagnostics;
using System.Net;
using System.Text;
using Shop.Modules.Kernel.Telemetry;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Observability;

/// <summary>An execution started by a parent's step (a Parallel branch) inherits the step's span: the whole run is one trace.</summary>
public sealed class ChildExecutionTraceTests
{
    [Fact]
    public async Task Given_tracing_When_a_Parallel_state_runs_two_branches_Then_the_branch_steps_are_children_of_the_Parallel_step_in_the_one_trace()
    {
        var spans = new Captured<Activity>();
        using var app = new ShopApp().WithTracing(spans);
        var client = app.CreateClient();
        var machine = $"Trace-Fan-{Guid.NewGuid().ToString("N")[..8]}";
        const string asl = """
            {"StartAt":"Fan","States":{"Fan":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Left","States":{"Left":{"Type":"Pass","End":true}}},
              {"StartAt":"Right","States":{"Right":{"Type":"Pass","End":true}}}]}}}
            """;
        var put = await client.PutAsync(new Uri($"/workflows/{machine}", UriKind.Relative), new StringContent(asl, Encoding.UTF8, "application/json"));
        put.StatusCode.Should().Be(HttpStatusCode.Created, await put.Content.ReadAsStringAsync());

        var id = await client.StartAsync(machine);
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);

        Activity[] Mine() => spans.Snapshot().Where(s => s.IsShop() && s.Tag(ShopTags.Workflow)?.StartsWith(machine, StringComparison.Ordinal) == true).ToArray();
        var steps = await Eventually.UntilAsync(() => Task.FromResult(Mine()), s => s.Count(x => x.Tag(ShopTags.State) is "Left" or "Right") == 2 && s.Any(x => x.Tag(ShopTags.State) == "Fan"),
            s => $"steps so far: {string.Join(", ", s.Select(x => x.DisplayName))}");

        var traceId = steps[0].TraceId;
        steps.Should().OnlyContain(s => s.TraceId == traceId, "branches inherit the trace of the execution that started them");
        var root = spans.Snapshot().Should().ContainSingle(s => s.TraceId == traceId && s.ParentSpanId == default).Subject;
        root.DisplayName.Should().Be("POST /workflows/{workflow}/executions");
        var fans = steps.Where(s => s.Tag(ShopTags.State) == "Fan").ToArray();
        fans.Should().OnlyContain(s => s.ParentSpanId == root.SpanId && s.Tag(ShopTags.ExecutionId) == id);
        // The Parallel step that started the branches is their parent (the first step of "Fan").
        var started = fans.OrderBy(s => s.StartTimeUtc).First();
        steps.Where(s => s.Tag(ShopTags.State) is "Left" or "Right").Should().OnlyContain(s => s.ParentSpanId == started.SpanId && s.Tag(ShopTags.ExecutionId) != id);
    }
}
