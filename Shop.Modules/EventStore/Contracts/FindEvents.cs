using Mediator;

namespace Shop.Modules.EventStore.Contracts;

/// <summary>
/// Stored events matching every given filter, paged, in store (time) order or newest first. Values come as
/// text from outside; a bad one throws <c>InvalidInputException</c> naming the field. <see cref="From"/> and
/// <see cref="To"/> are ISO 8601 (no offset = UTC) and inclusive; <see cref="PageSize"/> is capped at
/// <see cref="MaxPageSize"/>.
/// </summary>
public sealed record FindEvents(
    string? Who = null,
    string? DetailType = null,
    string? Source = null,
    string? OrderId = null,
    string? From = null,
    string? To = null,
    string? Page = null,
    string? PageSize = null,
    bool NewestFirst = false,
    string? Bus = null) : IRequest<EventStorePage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
