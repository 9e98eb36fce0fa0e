using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules.Archives;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>What CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive share (each is its own XOperation.cs): filters and retentions over the event store.</summary>
internal static class ArchiveShared
{
    internal static JsonObject Summary(AwsRequest request, ArchiveInfo archive) => new()
    {
        ["ArchiveArn"] = Arns(request).Archive(archive.Name), ["State"] = "ENABLED", ["CreationTime"] = Members.Epoch(archive.CreatedAt),
    };

    internal static JsonObject Render(AwsRequest request, ArchiveInfo archive) => new()
    {
        ["ArchiveName"] = archive.Name,
        ["EventSourceArn"] = Arns(request).EventBus(archive.Bus),
        ["State"] = "ENABLED",
        ["RetentionDays"] = archive.RetentionDays,
        ["SizeBytes"] = archive.SizeBytes,
        ["EventCount"] = archive.EventCount,
        ["CreationTime"] = Members.Epoch(archive.CreatedAt),
    };

    internal static async Task<ArchiveInfo> Guard(Func<Task<ArchiveInfo>> work)
    {
        try
        {
            return await work();
        }
        catch (InvalidEventPatternException e)
        {
            throw RuleShared.InvalidPattern(e);
        }
    }

    internal static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    internal static EventArchives Archives(AwsRequest request) => request.Services.GetRequiredService<EventArchives>();

    internal static AwsArns Arns(AwsRequest request) => request.Services.GetRequiredService<AwsArns>();
}
