using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Kernel.Rules.Archives;

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
