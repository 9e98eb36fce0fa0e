using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Rules;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.ListArchives</c>.</summary>
internal static class ListArchivesOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var (offset, limit) = body.Page();
        var state = body.Text("State", 32);
        if (state is not null and not ("ENABLED" or "DISABLED" or "CREATING" or "UPDATING" or "CREATE_FAILED" or "UPDATE_FAILED"))
            throw AwsException.Validation($"State '{state}' is not an archive state.");
        var bus = body.Text("EventSourceArn", 1600) is { } arn ? EventBuses.NameOf(arn) : null;
        var list = state is null or "ENABLED" ? await ArchiveShared.Archives(request).ListAsync(body.Text("NamePrefix", 48), bus, cancellationToken) : [];
        return Members.PageOf(list, offset, limit, "Archives", a => ArchiveShared.Render(request, a));
    }
}
