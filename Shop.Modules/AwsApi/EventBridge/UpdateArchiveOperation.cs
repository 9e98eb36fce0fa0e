using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.UpdateArchive</c>.</summary>
internal static class UpdateArchiveOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var archive = await ArchiveShared.Guard(() => ArchiveShared.Archives(request).UpdateAsync(body.Required("ArchiveName", 48), body.Text("EventPattern", 4096),
            body.Text("Description", 512), body.Whole("RetentionDays", 0, int.MaxValue), cancellationToken));
        return ArchiveShared.Summary(request, archive);
    }
}
