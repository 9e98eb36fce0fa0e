using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Web.Pages.Executions;

/// <summary>
/// One execution as Step Functions' console shows it: graph, input/output, history, and what an operator may do
/// to it: answer its waiting callback (success or failure), stop it, redrive it. Refusals show on the forms.
/// </summary>
public sealed class DetailsModel(IWorkflowEngine engine, IConfiguration configuration) : PageModel
{
    /// <summary>A trace viewer's page for one trace, <c>{traceId}</c> standing for the id (docs/observability.md); empty: no link.</summary>
    public const string TraceUrlSetting = "Telemetry:TraceUrl";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public CallbackSuccessInput Success { get; set; } = new();

    [BindProperty]
    public CallbackFailureInput Failure { get; set; } = new();

    [BindProperty]
    public StopInput Stop { get; set; } = new();

    /// <summary>What the last action did (post-redirect-get).</summary>
    [TempData]
    public string? Notice { get; set; }

    public ExecutionDescription Execution { get; private set; } = null!;

    /// <summary>The page shows at most this many history events, the latest: a long-running loop must not make the page huge.</summary>
    public const int MaxHistory = 1000;

    /// <summary>The latest <see cref="MaxHistory"/> events at most; <see cref="HistoryTotal"/> says how many there are.</summary>
    public IReadOnlyList<HistoryEvent> History { get; private set; } = [];

    public int HistoryTotal { get; private set; }

    public string Graph { get; private set; } = "";

    public WaitingCallback? Waiting { get; private set; }

    /// <summary>Its Map iterations and Parallel branches, each with a link to its own page (graph and history).</summary>
    public IReadOnlyList<ChildExecution> Children { get; private set; } = [];

    public bool IsRunning => Execution.Status == ExecutionStatus.Running;

    /// <summary>The execution's trace in the viewer <see cref="TraceUrlSetting"/> names; null without a trace, a setting, or when it makes no http(s) URL.</summary>
    public string? TraceUrl => Execution.TraceId is { } traceId && configuration[TraceUrlSetting] is { Length: > 0 } template
        && Uri.TryCreate(template.Replace("{traceId}", traceId, StringComparison.Ordinal), UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url.AbsoluteUri : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Polled by htmx while the execution runs; 204 (nothing to swap) while its history has not grown past <paramref name="v"/>.</summary>
    public async Task<IActionResult> OnGetLiveAsync(int? v, CancellationToken cancellationToken)
    {
        // The history alone tells whether anything changed; the graph and callback are read only when it did.
        if (v is { } seen && await HistoryCountAsync(cancellationToken) is { } count && count == seen) return new NoContentResult();
        return await LoadAsync(cancellationToken) ? Partial("_Execution", this) : NotFound();
    }

    public Task<IActionResult> OnPostSuccessAsync(CancellationToken cancellationToken)
    {
        JsonNode? output;
        try
        {
            output = JsonNode.Parse(Success.Output ?? "");
        }
        catch (JsonException ex)
        {
            ModelState.AddModelError("Success.Output", $"The output must be JSON: {ex.Message}");
            return RedisplayAsync(cancellationToken);
        }
        return ActAsync(ct => engine.SendTaskSuccessForExecutionAsync(Id, output, ct), "Callback answered with success.", "Success.Output", cancellationToken);
    }

    public Task<IActionResult> OnPostFailureAsync(CancellationToken cancellationToken) =>
        ActAsync(ct => engine.SendTaskFailureForExecutionAsync(Id, Blank(Failure.Error), Blank(Failure.Cause), ct),
            "Callback answered with failure.", "Failure.Error", cancellationToken);

    public Task<IActionResult> OnPostStopAsync(CancellationToken cancellationToken)
    {
        if (!Stop.Confirm)
        {
            ModelState.AddModelError("Stop.Confirm", "Tick the box to confirm: a stopped execution cannot be resumed.");
            return RedisplayAsync(cancellationToken);
        }
        return ActAsync(ct => engine.StopAsync(Id, "Stopped", Blank(Stop.Cause) ?? "Stopped from the admin console.", ct),
            "Execution stopped.", "Stop.Confirm", cancellationToken);
    }

    public Task<IActionResult> OnPostRedriveAsync(CancellationToken cancellationToken) =>
        ActAsync(ct => engine.RedriveAsync(Id, ct), "Execution redriven.", "", cancellationToken);

    /// <summary>The page's URL (executions are addressed by id under /admin/executions).</summary>
    public static string PathFor(string executionId) => $"/admin/executions/{Uri.EscapeDataString(executionId)}";

    private async Task<IActionResult> ActAsync(Func<CancellationToken, Task> action, string notice, string field, CancellationToken cancellationToken)
    {
        try
        {
            await action(cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            // Bad input goes next to its field; a refused token or a conflict (not running, not waiting) above the
            // forms, since the form it came from may be gone once the page shows the execution as it is now.
            var key = ex is InvalidInputException invalid ? FieldOf(invalid.Field, field) : "";
            ModelState.AddModelError(key, $"{ex.Title}: {ex.Message}");
            return await RedisplayAsync(cancellationToken);
        }
        Notice = notice;
        return Redirect(PathFor(Id));
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <remarks>
    /// The history is read before the status: the live part compares history counts, so a page that shows RUNNING must
    /// carry a count from no later than that status. Read the other way round, an execution ending between the two
    /// reads would show RUNNING with its final count, and every poll after would answer 204: stuck on RUNNING.
    /// </remarks>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HistoryEvent> history;
        try
        {
            history = await engine.GetHistoryAsync(Id, cancellationToken);
            Execution = await engine.DescribeAsync(Id, cancellationToken);
            // Ended between the two reads: nothing polls any more, so show the history it ended with.
            if (!IsRunning && !EndsExecution(history)) history = await engine.GetHistoryAsync(Id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }
        HistoryTotal = history.Count;
        History = history.Count > MaxHistory ? history.Skip(history.Count - MaxHistory).ToArray() : history;
        Graph = await engine.GetGraphAsync(Id, cancellationToken);
        Waiting = await engine.GetWaitingCallbackAsync(Id, cancellationToken);
        Children = await engine.GetChildrenAsync(Id, cancellationToken);
        return true;
    }

    private static bool EndsExecution(IReadOnlyList<HistoryEvent> history) =>
        history.Count > 0 && history[^1].Type is "ExecutionSucceeded" or "ExecutionFailed" or "ExecutionAborted" or "ExecutionTimedOut";

    private async Task<int?> HistoryCountAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await engine.GetHistoryAsync(Id, cancellationToken)).Count;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static string FieldOf(string engineField, string fallback) => engineField switch
    {
        "error" => "Failure.Error",
        "cause" => "Failure.Cause",
        "output" => "Success.Output",
        _ => fallback,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class CallbackSuccessInput
{
    public string? Output { get; set; } = "{}";
}

public sealed class CallbackFailureInput
{
    public string? Error { get; set; }

    public string? Cause { get; set; }
}

public sealed class StopInput
{
    public bool Confirm { get; set; }

    public string? Cause { get; set; }
}
