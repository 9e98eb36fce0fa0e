using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Web;

public sealed class ExecutionPagesTests : IDisposable
{
    private readonly Probe _probe = new();
    private readonly ShopApp _app;
    private readonly HttpClient _client;

    public ExecutionPagesTests()
    {
        _app = new ShopApp().WithTestWorkflows(_probe);
        _client = _app.CreateClient();
    }

    public void Dispose() => _app.Dispose();

    private static string PageOf(string id) => $"/admin/executions/{id}";

    private async Task<string> WaitingCallbackAsync()
    {
        var id = await _client.StartAsync("Test.Callback");
        await _client.WaitForEventAsync(_app, id, "TaskStarted");
        return id;
    }

    [Fact]
    public async Task Given_an_execution_waiting_for_a_callback_When_its_page_opens_Then_the_graph_marks_the_state_current_and_the_callback_forms_show()
    {
        var id = await WaitingCallbackAsync();

        var html = await _client.GetStringAsync(new Uri(PageOf(id), UriKind.Relative));

        html.Should().Contain("<pre class=\"mermaid\" id=\"graph\">stateDiagram-v2")
            .And.Contain("class WaitForCourier current")
            .And.Contain("Waiting for a callback in <strong>Wait For Courier</strong>")
            .And.Contain("id=\"send-success\"").And.Contain("id=\"send-failure\"").And.Contain("id=\"stop\"")
            .And.Contain("TaskStarted")
            .And.Contain("hx-trigger=\"every 2s\"");
    }

    [Fact]
    public async Task Given_a_waiting_callback_When_the_output_is_not_JSON_Then_the_error_is_on_the_form_and_the_execution_still_waits()
    {
        var id = await WaitingCallbackAsync();

        var html = await _client.PostFormForHtmlAsync(PageOf(id), "Success", new Dictionary<string, string> { ["Success.Output"] = "{\"courier\": " });

        html.Should().Contain("The output must be JSON").And.Contain("{&quot;courier&quot;: </textarea>");
        var execution = await _client.DescribeAsync(id);
        ((string)execution["status"]!).Should().Be(ExecutionStatus.Running);
        (await _client.HistoryTypesAsync(id)).Should().NotContain("TaskSucceeded");
    }

    [Fact]
    public async Task Given_a_waiting_callback_When_success_is_sent_from_the_page_Then_the_output_goes_on_and_the_execution_succeeds()
    {
        var id = await WaitingCallbackAsync();

        var html = await _client.PostFormForHtmlAsync(PageOf(id), "Success", new Dictionary<string, string> { ["Success.Output"] = """{"courier": "Ann"}""" });

        html.Should().Contain("Callback answered with success.");
        var execution = await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        ((string)execution["output"]!["delivery"]!["courier"]!).Should().Be("Ann");
    }

    [Fact]
    public async Task Given_a_waiting_callback_When_failure_is_sent_from_the_page_Then_the_state_fails_with_that_error_and_its_catch_runs()
    {
        var id = await WaitingCallbackAsync();

        await _client.PostFormForHtmlAsync(PageOf(id), "Failure", new Dictionary<string, string> { ["Failure.Error"] = "DeliveryFailed", ["Failure.Cause"] = "van broke down" });

        var execution = await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        ((string)execution["output"]!["error"]!["Cause"]!).Should().Be("van broke down");
        (await _client.HistoryTypesAsync(id)).Should().Contain("TaskFailed");
    }

    [Fact]
    public async Task Given_an_execution_waiting_for_a_timer_When_success_is_sent_from_the_page_Then_the_form_says_it_waits_for_no_callback()
    {
        var id = await _client.StartAsync("Test.Slow");
        await _client.WaitForEventAsync(_app, id, "WaitStateEntered");

        var html = await _client.PostFormForHtmlAsync(PageOf(id), "Success", new Dictionary<string, string> { ["Success.Output"] = "{}" });

        html.Should().Contain("Execution not waiting for a callback").And.NotContain("id=\"send-success\"");
        ((string)(await _client.DescribeAsync(id))["status"]!).Should().Be(ExecutionStatus.Running);
    }

    [Fact]
    public async Task Given_a_running_execution_When_stop_is_sent_without_confirming_Then_nothing_happens_and_with_confirming_it_is_ABORTED()
    {
        var id = await WaitingCallbackAsync();

        var refused = await _client.PostFormForHtmlAsync(PageOf(id), "Stop", new Dictionary<string, string> { ["Stop.Cause"] = "testing" });
        refused.Should().Contain("Tick the box to confirm");
        ((string)(await _client.DescribeAsync(id))["status"]!).Should().Be(ExecutionStatus.Running);

        var stopped = await _client.PostFormForHtmlAsync(PageOf(id), "Stop", new Dictionary<string, string> { ["Stop.Confirm"] = "true", ["Stop.Cause"] = "testing" });
        stopped.Should().Contain("Execution stopped.").And.Contain("ABORTED").And.NotContain("id=\"send-success\"");
        ((string)(await _client.DescribeAsync(id))["cause"]!).Should().Be("testing");
    }

    [Fact]
    public async Task Given_a_FAILED_execution_When_redriven_from_the_page_Then_it_resumes_and_succeeds()
    {
        var id = await _client.StartAsync("Test.Redrivable");
        await _client.WaitForStatusAsync(id, ExecutionStatus.Failed);
        var page = await _client.GetStringAsync(new Uri(PageOf(id), UriKind.Relative));
        page.Should().Contain("id=\"redrive\"").And.Contain("class Fragile failed").And.NotContain("hx-trigger=\"every 2s\"");
        _probe.Healthy = true;

        await _client.PostFormForHtmlAsync(PageOf(id), "Redrive", new Dictionary<string, string>());

        await _client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        // A second redrive (say from a stale tab) is refused on the page.
        (await _client.PostFormForHtmlAsync(PageOf(id), "Redrive", new Dictionary<string, string>(), tokenPage: "/admin/settings"))
            .Should().Contain("Execution not redrivable");
    }

    [Fact]
    public async Task Given_an_unknown_execution_When_its_page_opens_Then_404()
    {
        var response = await _client.GetAsync(new Uri(PageOf("no-such-execution"), UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_an_unchanged_execution_When_the_live_part_is_polled_Then_204_and_after_a_change_the_partial()
    {
        var id = await WaitingCallbackAsync();
        var count = (await _client.HistoryTypesAsync(id)).Count;

        var same = await _client.GetAsync(new Uri($"{PageOf(id)}?handler=Live&v={count}", UriKind.Relative));
        var older = await _client.GetStringAsync(new Uri($"{PageOf(id)}?handler=Live&v={count - 1}", UriKind.Relative));

        same.StatusCode.Should().Be(HttpStatusCode.NoContent);
        older.Should().StartWith("<div id=\"execution\"").And.NotContain("<html");
    }

    [Fact]
    public async Task Given_an_execution_that_ends_while_its_page_is_read_When_the_live_part_is_polled_Then_the_end_shows()
    {
        // The engine behind the page answers the callback right after it describes the execution as RUNNING, so the
        // execution ends between the page's reads (as a fast one does under load).
        using var app = new ShopApp().WithTestWorkflows().WithServices(services => EndsAfterDescribe.Install(services));
        using var client = app.CreateClient();
        var id = await client.StartAsync("Test.Callback");
        await client.WaitForEventAsync(app, id, "TaskStarted");
        EndsAfterDescribe.Arm(id);

        var html = await client.GetStringAsync(new Uri(PageOf(id), UriKind.Relative));
        await client.WaitForStatusAsync(id, ExecutionStatus.Succeeded);
        html.Should().Contain("id=\"execution-status\">RUNNING<");
        var live = System.Text.RegularExpressions.Regex.Match(html, "hx-get=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var polled = await client.GetAsync(new Uri(live, UriKind.Relative));

        polled.StatusCode.Should().Be(HttpStatusCode.OK, "a page that showed RUNNING must see the end at its next poll");
        (await polled.Content.ReadAsStringAsync()).Should().Contain("id=\"execution-status\">SUCCEEDED<");
    }

    /// <summary>Wraps the real engine: once armed, its next DescribeAsync of that execution answers the callback after reading.</summary>
    public class EndsAfterDescribe : System.Reflection.DispatchProxy
    {
        private static string? _armed;
        private IWorkflowEngine _inner = null!;

        private static readonly Lock Gate = new();

        public static void Arm(string executionId)
        {
            lock (Gate) _armed = executionId;
        }

        private static bool Disarm(string executionId)
        {
            lock (Gate)
            {
                if (_armed != executionId) return false;
                _armed = null;
                return true;
            }
        }

        public static void Install(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
        {
            var real = services.Last(d => d.ServiceType == typeof(IWorkflowEngine)).ImplementationType!;
            services.AddScoped<IWorkflowEngine>(provider =>
            {
                var proxy = Create<IWorkflowEngine, EndsAfterDescribe>();
                ((EndsAfterDescribe)(object)proxy)._inner = (IWorkflowEngine)ActivatorUtilities.CreateInstance(provider, real);
                return proxy;
            });
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IWorkflowEngine.DescribeAsync) && args![0] is string id && Disarm(id)) return DescribeThenEndAsync(id);
            return targetMethod.Invoke(_inner, args);
        }

        private async Task<ExecutionDescription> DescribeThenEndAsync(string id)
        {
            var described = await _inner.DescribeAsync(id);
            await _inner.SendTaskSuccessForExecutionAsync(id, new System.Text.Json.Nodes.JsonObject { ["courier"] = "Ann" });
            while ((await _inner.DescribeAsync(id)).Status == ExecutionStatus.Running) await Task.Delay(20);
            return described;
        }
    }

    [Fact]
    public async Task Given_executions_of_two_workflows_When_the_list_is_filtered_Then_only_the_matching_show_and_a_bad_filter_is_explained()
    {
        var failed = await _client.StartAsync("Test.Failing", name: "failing-one");
        await _client.WaitForStatusAsync(failed, ExecutionStatus.Failed);
        await _client.StartAsync("Test.Slow", name: "slow-one");

        var byWorkflow = await _client.GetStringAsync(new Uri("/admin/executions?workflow=Test.Failing", UriKind.Relative));
        var byStatus = await _client.GetStringAsync(new Uri("/admin/executions?status=RUNNING", UriKind.Relative));
        var bad = await _client.GetAsync(new Uri("/admin/executions?status=BROKEN&p=0", UriKind.Relative));

        byWorkflow.Should().Contain("failing-one").And.NotContain("slow-one").And.Contain($"href=\"/admin/executions/{failed}\"");
        byStatus.Should().Contain("slow-one").And.NotContain("failing-one");
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("must be a page number");
        (await _client.GetStringAsync(new Uri("/admin/executions?status=BROKEN", UriKind.Relative))).Should().Contain("&#x27;status&#x27; must be one of");
    }

    [Fact]
    public async Task Given_a_failed_and_a_running_execution_When_the_dashboard_counts_are_polled_Then_each_is_counted_under_its_workflow_and_status()
    {
        var failed = await _client.StartAsync("Test.Failing");
        await _client.WaitForStatusAsync(failed, ExecutionStatus.Failed);
        await _client.StartAsync("Test.Slow");

        var counts = await _client.GetStringAsync(new Uri("/?handler=Counts", UriKind.Relative));

        counts.Should().NotContain("<html")
            .And.Contain("href=\"/admin/executions?workflow=Test.Failing&amp;status=FAILED\">1</a>")
            .And.Contain("href=\"/admin/executions?workflow=Test.Slow&amp;status=RUNNING\">1</a>")
            .And.Contain("ITEM_NOT_AVAILABLE");
    }
}
