using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary><c>AWSEvents.CreateArchive</c>.</summary>
internal static class CreateArchiveOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var name = body.Required("ArchiveName", 48);
        var source = body.Required("EventSourceArn", 1600);
        var archive = await ArchiveShared.Guard(() => ArchiveShared.Archives(request).CreateAsync(name, source, ArchiveShared.NonEmpty(body.Text("EventPattern", 4096)), body.Text("Description", 512),
            body.Whole("RetentionDays", 0, int.MaxValue) ?? 0, cancellationToken));
        return ArchiveShared.Summary(request, archive);
    }
}
