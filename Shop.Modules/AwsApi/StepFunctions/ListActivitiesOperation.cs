using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.ListActivities</c>.</summary>
internal static class ListActivitiesOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var size = call.PageSize();
        var after = call.String("nextToken", 1024) is { } token ? ActivityShared.After(token) : null;
        var all = await ActivityShared.Activities(request).ListAsync(ct);
        var rest = all.Where(a => after is null || string.CompareOrdinal(a.Name, after) > 0).ToList();
        var page = rest.Take(size).Select(a => (JsonNode)new JsonObject
        {
            ["activityArn"] = call.Arns.Activity(a.Name), ["name"] = a.Name, ["creationDate"] = SfnCall.Time(a.CreatedAt),
        }).ToArray();
        var result = new JsonObject { ["activities"] = new JsonArray(page) };
        if (rest.Count > size) result["nextToken"] = SfnCall.EncodeToken(new JsonObject { ["a"] = rest[size - 1].Name });
        return result;
    }
}
