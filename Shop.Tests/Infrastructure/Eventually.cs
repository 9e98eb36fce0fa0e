using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Workflows;

namespace Shop.Tests.Infrastructure;

/// <summary>
/// The one way a test waits: poll a condition until it holds or a generous deadline passes, then fail with what was
/// last seen. Deadlines are for a busy 2-core machine, not for speed: a test never asserts how fast something was.
/// To prove that something did NOT happen, wait until the shop is idle (<see cref="IdleAsync"/>), then assert.
/// </summary>
public static class Eventually
{
    public const double DefaultSeconds = 30;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds; returns that value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> describe, double seconds = DefaultSeconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not within {seconds} s: {describe(value)}");
            await Task.Delay(Poll);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, double seconds = DefaultSeconds) =>
        UntilAsync(condition, done => done, _ => what, seconds);

    public static Task UntilAsync(Func<bool> condition, string what, double seconds = DefaultSeconds) =>
        UntilAsync(() => Task.FromResult(condition()), done => done, _ => what, seconds);

    /// <summary>
    /// Until the event dispatcher and the workflow worker have nothing queued or running, seen twice in a row (a
    /// delivery may wake the worker and a step may publish an event: one idle look can fall between them). Timers
    /// due later are not work in hand.
    /// </summary>
    public static async Task IdleAsync(IServiceProvider services, double seconds = DefaultSeconds)
    {
        var dispatcher = services.GetRequiredService<EventDispatcher>();
        var worker = services.GetRequiredService<WorkflowWorker>();
        var idleLooks = 0;
        await UntilAsync(() => (idleLooks = dispatcher.IsIdle && worker.IsIdle ? idleLooks + 1 : 0) >= 2,
            "the dispatcher and the workflow worker are still busy", seconds);
    }
}
