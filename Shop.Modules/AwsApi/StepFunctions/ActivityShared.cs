using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Aws;
using Shop.Modules.Workflows;

namespace Shop.Modules.AwsApi.StepFunctions;

/// <summary>What CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask share (each is its own XOperation.cs) over <see cref="IActivities"/>.</summary>
internal static class ActivityShared
{
    /// <summary>
    /// How long GetActivityTask waits for a task. AWS holds the poll up to 60 s; the default is a little less so that
    /// the AWS CLI's own 60 s read timeout does not cut the answer off (setting <c>Workflows:ActivityPollSeconds</c>, 1-60).
    /// </summary>
    public const int DefaultPollSeconds = 55;

    internal static IActivities Activities(AwsRequest request) => request.Services.GetRequiredService<IActivities>();

    internal static string Name(string arn) =>
        AwsArns.Parts(arn, "states", "activity") is [{ Length: > 0 } name] ? name : throw SfnErrors.InvalidArn(arn, "activity");

    internal static AwsException ActivityDoesNotExist(string arn) => new("ActivityDoesNotExist", $"Activity Does Not Exist: '{arn}'");

    internal static string After(string token) =>
        SfnCall.DecodeToken(token)["a"] is JsonValue v && v.TryGetValue<string>(out var name)
            ? name
            : throw SfnErrors.InvalidToken("the nextToken is not one of ListActivities.");
}
