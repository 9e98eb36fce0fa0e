using System.Text.Json.Nodes;
using Mediator;

namespace Shop.Modules.EventStore.Contracts;

/// <summary>
/// PutEvents from its JSON body <c>{"Entries": [...]}</c> as EventBridge spells it: the one reading and validation
/// behind <c>POST /events</c> and the AWS API's <c>AWSEvents.PutEvents</c>. A wrongly typed field fails its own
/// entry, like EventBridge; a body without 1 to <see cref="PutEvents.MaxEntries"/> entries throws
/// <c>InvalidInputException</c>.
/// </summary>
public sealed record PutEventsJson(JsonObject Body) : IRequest<PutEventsResult>;
