using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Choreography.Contracts;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Tests.Fuzz;

/// <summary>
/// Every (source, detail-type) the shop reacts to, for the fuzz's PutEvents: the reactions declared by source and
/// detail-type, the two Logistics outcomes (declared by a predicate), and each choreography's start event and the
/// events its states wait for (the monitor's patterns are chosen at run time).
/// </summary>
internal static class ShopReactions
{
    public static List<(string Source, string DetailType)> All(IServiceProvider services)
    {
        var declared = services.GetServices<EventSubscription>().Where(r => r.Source is not null).Select(r => (r.Source!, r.DetailType!));
        var logistics = new[] { (LogisticsEvents.Source, LogisticsEvents.Delivered), (LogisticsEvents.Source, LogisticsEvents.DeliveryCanceled) };
        var choreographies = services.GetServices<ChoreographyDefinition>().SelectMany(Choreography);
        return declared.Concat(logistics).Concat(choreographies).Distinct().ToList();
    }

    private static IEnumerable<(string, string)> Choreography(ChoreographyDefinition definition)
    {
        var start = JsonNode.Parse(definition.StartPattern.Json)!;
        var source = (string)start["source"]![0]!;
        yield return (source, (string)start["detail-type"]![0]!);
        foreach (var detailType in definition.States.SelectMany(s => s.ExpectedKeys).Where(k => k != ChoreographyTransition.Default).Distinct())
            yield return (source, detailType);
    }
}
