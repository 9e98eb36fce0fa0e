using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.GetActivityTask</c></summary>
internal static class GetActivityTaskOperation
{
    /// <summary>The long poll: <c>{taskToken, input}</c>, or <c>{}</c> (no token) when no task came in time.</summary>
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("activityArn", 256);
        var worker = call.String("workerName", 80);
        var activities = ActivityShared.Activities(request);
        var name = ActivityShared.Name(arn);
        if (await activities.GetAsync(name, ct) is null) throw ActivityShared.ActivityDoesNotExist(arn);
        var seconds = Math.Clamp(request.Services.GetRequiredService<IConfiguration>().GetValue("Workflows:ActivityPollSeconds", ActivityShared.DefaultPollSeconds), 1, 60);
        var task = await activities.PollAsync(name, worker, TimeSpan.FromSeconds(seconds), ct);
        return task is null ? new JsonObject() : new JsonObject { ["taskToken"] = task.TaskToken, ["input"] = task.Input };
    }
}
