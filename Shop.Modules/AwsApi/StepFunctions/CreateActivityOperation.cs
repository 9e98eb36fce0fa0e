using System.Text.Json.Nodes;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary><c>AWSStepFunctions.CreateActivity</c>.</summary>
internal static class CreateActivityOperation
{
    public static async Task<JsonNode?> HandleAsync(AwsRequest request, CancellationToken ct)
    {
        var call = new SfnCall(request);
        var name = call.Required("name");
        ExecutionShared.ValidateName(name);
        if (request.Body["tags"] is not (null or JsonArray)) throw new AwsException("SerializationException", "'tags' must be a list.");
        var activity = await ActivityShared.Activities(request).CreateAsync(name, ct);
        return new JsonObject { ["activityArn"] = call.Arns.Activity(activity.Name), ["creationDate"] = SfnCall.Time(activity.CreatedAt) };
    }
}
