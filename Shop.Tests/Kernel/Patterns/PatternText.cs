using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Tests.Kernel.Patterns;

/// <summary>
/// What the pattern and target-input tests share: patterns and events written with ' for " (<see cref="J"/>), the
/// documentation's EC2 event, and a one-line match.
/// </summary>
internal static class PatternText
{
    // The EC2 example event of the "Event patterns" page.
    internal const string Ec2Event = """
        {'version': '0', 'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
         'detail-type': 'EC2 Instance State-change Notification', 'source': 'aws.ec2', 'account': '111122223333',
         'time': '2017-12-22T18:43:48Z', 'region': 'us-west-1',
         'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
         'detail': {'instance-id': 'i-1234567890abcdef0', 'state': 'terminated'}}
        """;

    internal static string J(string text) => text.Replace('\'', '"');

    internal static bool Matches(string pattern, string evt) =>
        EventPattern.Parse(J(pattern)).Matches(JsonNode.Parse(J(evt)));

    /// <summary>An envelope around the given detail JSON.</summary>
    internal static string WithDetail(string detail) =>
        $"{{'source': 'shop', 'detail-type': 'Test', 'time': '2017-10-02T18:43:48Z', 'detail': {detail}}}";
}
