using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Shop.Tests.AwsApi.StepFunctions;

/// <summary>Step Functions calls as an SDK sends them: <c>POST /</c>, AWS JSON 1.0, <c>X-Amz-Target: AWSStepFunctions.{operation}</c>.</summary>
internal static class SfnClient
{
    public const string Arn = "arn:aws:states:us-east-1:000000000000";

    public static string StateMachineArn(string name) => $"{Arn}:stateMachine:{name}";

    public static string ExecutionArn(string stateMachine, string name) => $"{Arn}:execution:{stateMachine}:{name}";

    public static async Task<SfnReply> SfnAsync(this HttpClient client, string operation, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + operation);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new SfnReply(response.StatusCode, (JsonNode.Parse(text) as JsonObject)!);
    }

    /// <summary>The call must succeed; its JSON.</summary>
    public static async Task<JsonObject> SfnOkAsync(this HttpClient client, string operation, JsonObject body)
    {
        var reply = await client.SfnAsync(operation, body);
        reply.Status.Should().Be(HttpStatusCode.OK, reply.ToString());
        return reply.Body;
    }

    /// <summary>Polls DescribeExecution until the status is reached.</summary>
    public static async Task<JsonObject> WaitForExecutionAsync(this HttpClient client, string executionArn, string status, double seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var described = await client.SfnOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if ((string)described["status"]! == status) return described;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{executionArn} is {described["status"]}, not {status}: {described}");
            await Task.Delay(50);
        }
    }
}

internal sealed record SfnReply(HttpStatusCode Status, JsonObject Body)
{
    public string? Type => (string?)Body["__type"];

    public override string ToString() => $"{(int)Status} {Body.ToJsonString()}";
}
