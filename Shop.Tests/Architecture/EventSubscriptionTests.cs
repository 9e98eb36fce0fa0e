using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Events;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Architecture;

/// <summary>Issue 15: subscriptions are declared; a reaction nobody declared would never run, so none may exist.</summary>
public sealed class EventSubscriptionTests
{
    [Fact]
    public void Given_every_event_handler_in_the_modules_When_the_host_is_built_Then_each_is_declared_with_AddReaction()
    {
        using var app = new ShopApp();
        _ = app.Server;
        var declared = app.Services.GetServices<EventSubscription>().Select(s => s.Handler).ToHashSet();
        var handlers = typeof(EventEnvelope).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEventHandler).IsAssignableFrom(t)).ToList();

        handlers.Should().HaveCountGreaterThan(15);
        handlers.Where(h => !declared.Contains(h)).Should().BeEmpty("every IEventHandler must be declared where its module wires itself");
    }
}
