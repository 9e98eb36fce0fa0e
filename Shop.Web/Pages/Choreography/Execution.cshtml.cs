using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Web.Pages.Choreography;

/// <summary>One run's execution: where it is, where it went wrong, its graph (the engine's, styled) and history.</summary>
public sealed class ExecutionModel(IWorkflowEngine engine) : PageModel
{
    public ExecutionDescription Execution { get; private set; } = null!;

    public string Graph { get; private set; } = "";

    /// <summary>The latest <see cref="Executions.DetailsModel.MaxHistory"/> events at most (a page must stay small).</summary>
    public IReadOnlyList<HistoryEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            Execution = await engine.DescribeAsync(id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Graph = await engine.GetGraphAsync(id, cancellationToken);
        var history = await engine.GetHistoryAsync(id, cancellationToken);
        History = history.Count > Executions.DetailsModel.MaxHistory ? history.Skip(history.Count - Executions.DetailsModel.MaxHistory).ToArray() : history;
        return Page();
    }
}
