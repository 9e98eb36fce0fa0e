using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Kernel.Rules.Archives;

namespace Shop.Modules.AwsApi.EventBridge;

/// <summary>CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive: filters and retentions over the event store.</summary>
internal static class ArchiveOperations
{
    public static async Task<JsonNode?> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var name = body.Required("ArchiveName", 48);
        var source = body.Required("EventSourceArn", 1600);
        var archive = await Guard(() => Archives(request).CreateAsync(name, source, NonEmpty(body.Text("EventPattern", 4096)), body.Text("Description", 512),
            body.Whole("RetentionDays", 0, int.MaxValue) ?? 0, cancellationToken));
        return Summary(request, archive);
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var archive = await Archives(request).DescribeAsync(request.Body.Required("ArchiveName", 48), cancellationToken);
        var result = Render(request, archive);
        result["ArchiveArn"] = Arns(request).Archive(archive.Name);
        result.AddIfSet("Description", archive.Description);
        result.AddIfSet("EventPattern", archive.EventPattern);
        return result;
    }

    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var (offset, limit) = body.Page();
        var state = body.Text("State", 32);
        if (state is not null and not ("ENABLED" or "DISABLED" or "CREATING" or "UPDATING" or "CREATE_FAILED" or "UPDATE_FAILED"))
            throw AwsException.Validation($"State '{state}' is not an archive state.");
        var bus = body.Text("EventSourceArn", 1600) is { } arn ? EventBuses.NameOf(arn) : null;
        var list = state is null or "ENABLED" ? await Archives(request).ListAsync(body.Text("NamePrefix", 48), bus, cancellationToken) : [];
        return Members.PageOf(list, offset, limit, "Archives", a => Render(request, a));
    }

    public static async Task<JsonNode?> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var archive = await Guard(() => Archives(request).UpdateAsync(body.Required("ArchiveName", 48), body.Text("EventPattern", 4096),
            body.Text("Description", 512), body.Whole("RetentionDays", 0, int.MaxValue), cancellationToken));
        return Summary(request, archive);
    }

    public static async Task<JsonNode?> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        await Archives(request).DeleteAsync(request.Body.Required("ArchiveName", 48), cancellationToken);
        return null;
    }

    private static JsonObject Summary(AwsRequest request, ArchiveInfo archive) => new()
    {
        ["ArchiveArn"] = Arns(request).Archive(archive.Name), ["State"] = "ENABLED", ["CreationTime"] = Members.Epoch(archive.CreatedAt),
    };

    private static JsonObject Render(AwsRequest request, ArchiveInfo archive) => new()
    {
        ["ArchiveName"] = archive.Name,
        ["EventSourceArn"] = Arns(request).EventBus(archive.Bus),
        ["State"] = "ENABLED",
        ["RetentionDays"] = archive.RetentionDays,
        ["SizeBytes"] = archive.SizeBytes,
        ["EventCount"] = archive.EventCount,
        ["CreationTime"] = Members.Epoch(archive.CreatedAt),
    };

    private static async Task<ArchiveInfo> Guard(Func<Task<ArchiveInfo>> work)
    {
        try
        {
            return await work();
        }
        catch (InvalidEventPatternException e)
        {
            throw RuleOperations.InvalidPattern(e);
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static EventArchives Archives(AwsRequest request) => request.Services.GetRequiredService<EventArchives>();

    private static AwsArns Arns(AwsRequest request) => request.Services.GetRequiredService<AwsArns>();
}
