using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.DescribeActivity</c>.</summary>
internal static class DescribeActivityOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var arn = call.Required("activityArn", 256);
        var activity = await ActivityShared.Activities(request).GetAsync(ActivityShared.Name(arn), ct) ?? throw ActivityShared.ActivityDoesNotExist(arn);
        return new JsonObject { ["activityArn"] = call.Arns.Activity(activity.Name), ["name"] = activity.Name, ["creationDate"] = SfnCall.Time(activity.CreatedAt) };
    }
}
