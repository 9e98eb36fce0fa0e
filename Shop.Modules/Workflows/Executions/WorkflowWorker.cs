using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Modules.Workflows.Data;

namespace Shop.Modules.Workflows;

/// <summary>
/// The bounded pool that runs steps: a queue of execution ids and <c>Workflows:Workers</c> consumers, so HTTP
/// threads never run steps. At start every RUNNING execution whose state is ready is queued again.
/// </summary>
internal sealed class WorkflowWorker(IServiceScopeFactory scopes, WorkflowSettings settings, ILogger<WorkflowWorker> logger) : BackgroundService
{
    // A few steps in a row per turn, then the execution goes to the back of the queue so none starves the others.
    private const int StepsPerTurn = 20;

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, byte> _queued = new();
    private int _busy;

    /// <summary>True when nothing is queued or running (tests wait for it).</summary>
    public bool IsIdle => _queued.IsEmpty && Volatile.Read(ref _busy) == 0;

    public void Enqueue(string executionId)
    {
        if (_queued.TryAdd(executionId, 0)) _queue.Writer.TryWrite(executionId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var ready = await db.Executions.AsNoTracking()
                .Where(e => e.Status == ExecutionStatus.Running && e.Waiting == null)
                .Select(e => e.Id)
                .ToListAsync(stoppingToken);
            foreach (var id in ready) Enqueue(id);
            if (ready.Count > 0) logger.LogInformation("Resuming {Count} workflow executions", ready.Count);
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Workers)).Select(_ => ConsumeAsync(stoppingToken)));
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                Interlocked.Increment(ref _busy);
                _queued.TryRemove(id, out _);
                try
                {
                    await RunAsync(id, stoppingToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(string id, CancellationToken stoppingToken)
    {
        for (var step = 0; step < StepsPerTurn; step++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<ExecutionRunner>().StepAsync(id, stoppingToken)) return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not a step failure (those are recorded): the engine itself could not proceed. Try again shortly.
                logger.LogError(ex, "Workflow execution {ExecutionId} could not advance; retrying in 1 s", id);
                _ = RetryLaterAsync(id, stoppingToken);
                return;
            }
        }
        Enqueue(id);
    }

    private async Task RetryLaterAsync(string id, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            Enqueue(id);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
