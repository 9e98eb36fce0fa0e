using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.ListReplays</c>.</summary>
internal static class ListReplaysOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var (offset, limit) = body.Page();
        var state = body.Text("State", 32);
        if (state is not null && !ReplayShared.States.Contains(state)) throw AwsException.Validation($"State '{state}' is not one of {string.Join(", ", ReplayShared.States)}.");
        var archive = body.Text("EventSourceArn", 1600) is { } arn ? ReplayShared.ArchiveName(arn) : null;
        var list = await ReplayShared.Replays(request).ListAsync(body.Text("NamePrefix", 64), state, archive, cancellationToken);
        return Members.PageOf(list, offset, limit, "Replays", r => ReplayShared.Render(request, r));
    }
}
