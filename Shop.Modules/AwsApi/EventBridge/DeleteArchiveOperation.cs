using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DeleteArchive</c>.</summary>
internal static class DeleteArchiveOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        await ArchiveShared.Archives(request).DeleteAsync(request.Body.Required("ArchiveName", 48), cancellationToken);
        return null;
    }
}
