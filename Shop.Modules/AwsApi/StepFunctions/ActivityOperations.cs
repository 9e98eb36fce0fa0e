using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask over <see cref="IActivities"/>.</summary>
internal static class ActivityOperations
{
    /// <summary>
    /// How long GetActivityTask waits for a task. AWS holds the poll up to 60 s; the default is a little less so that
    /// the AWS CLI's own 60 s read timeout does not cut the answer off (setting <c>Workflows:ActivityPollSeconds</c>, 1-60).
    /// </summary>
    public const int DefaultPollSeconds = 55;

    public static async Task<JsonNode?> CreateAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var name = call.Required("name");
        ExecutionOperations.ValidateName(name);
        if (request.Body["tags"] is not (null or JsonArray)) throw new AwsException("SerializationException", "'tags' must be a list.");
        var activity = await Activities(request).CreateAsync(name, ct);
        return new JsonObject { ["activityArn"] = call.Arns.Activity(activity.Name), ["creationDate"] = SfnCall.Time(activity.CreatedAt) };
    }

    public static async Task<JsonNode?> DescribeAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("activityArn", 256);
        var activity = await Activities(request).GetAsync(Name(arn), ct) ?? throw ActivityDoesNotExist(arn);
        return new JsonObject { ["activityArn"] = call.Arns.Activity(activity.Name), ["name"] = activity.Name, ["creationDate"] = SfnCall.Time(activity.CreatedAt) };
    }

    public static async Task<JsonNode?> ListAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var size = call.PageSize();
        var after = call.String("nextToken", 1024) is { } token ? After(token) : null;
        var all = await Activities(request).ListAsync(ct);
        var rest = all.Where(a => after is null || string.CompareOrdinal(a.Name, after) > 0).ToList();
        var page = rest.Take(size).Select(a => (JsonNode)new JsonObject
        {
            ["activityArn"] = call.Arns.Activity(a.Name), ["name"] = a.Name, ["creationDate"] = SfnCall.Time(a.CreatedAt),
        }).ToArray();
        var result = new JsonObject { ["activities"] = new JsonArray(page) };
        if (rest.Count > size) result["nextToken"] = SfnCall.EncodeToken(new JsonObject { ["a"] = rest[size - 1].Name });
        return result;
    }

    public static async Task<JsonNode?> DeleteAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        // As AWS: deleting one that does not exist succeeds.
        await Activities(request).DeleteAsync(Name(call.Required("activityArn", 256)), ct);
        return new JsonObject();
    }

    /// <summary>The long poll: <c>{taskToken, input}</c>, or <c>{}</c> (no token) when no task came in time.</summary>
    public static async Task<JsonNode?> GetTaskAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("activityArn", 256);
        var worker = call.String("workerName", 80);
        var activities = Activities(request);
        var name = Name(arn);
        if (await activities.GetAsync(name, ct) is null) throw ActivityDoesNotExist(arn);
        var seconds = Math.Clamp(request.Services.GetRequiredService<IConfiguration>().GetValue("Workflows:ActivityPollSeconds", DefaultPollSeconds), 1, 60);
        var task = await activities.PollAsync(name, worker, TimeSpan.FromSeconds(seconds), ct);
        return task is null ? new JsonObject() : new JsonObject { ["taskToken"] = task.TaskToken, ["input"] = task.Input };
    }

    private static IActivities Activities(AwsRequest request) => request.Services.GetRequiredService<IActivities>();

    private static string Name(string arn) =>
        AwsArns.Parts(arn, "states", "activity") is [{ Length: > 0 } name] ? name : throw SfnErrors.InvalidArn(arn, "activity");

    private static AwsException ActivityDoesNotExist(string arn) => new("ActivityDoesNotExist", $"Activity Does Not Exist: '{arn}'");

    private static string After(string token) =>
        SfnCall.DecodeToken(token)["a"] is JsonValue v && v.TryGetValue<string>(out var name)
            ? name
            : throw SfnErrors.InvalidToken("the nextToken is not one of ListActivities.");
}
