using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.DescribeArchive</c>.</summary>
internal static class DescribeArchiveOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var archive = await ArchiveShared.Archives(request).DescribeAsync(request.Body.Required("ArchiveName", 48), cancellationToken);
        var result = ArchiveShared.Render(request, archive);
        result["ArchiveArn"] = ArchiveShared.Arns(request).Archive(archive.Name);
        result.AddIfSet("Description", archive.Description);
        result.AddIfSet("EventPattern", archive.EventPattern);
        return result;
    }
}
