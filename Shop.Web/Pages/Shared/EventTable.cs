using System.Text.Json;
using Shop.Modules.EventStore.Contracts;
using Shop.Modules.Kernel.Events;

namespace Shop.Web.Pages;

/// <summary>Model of the _EventTable partial: events, with each envelope's JSON when <see cref="ShowJson"/>.</summary>
public sealed record EventTable(IReadOnlyList<EventStoreItem> Items, bool ShowJson)
{
    private static readonly JsonSerializerOptions Indented = new(EventEnvelope.Json) { WriteIndented = true };

    public static string Json(EventStoreItem item) => JsonSerializer.Serialize(item.EventDetail, Indented);
}
