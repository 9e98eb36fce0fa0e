using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Shop.Tests.AwsApi.EventBridge;

/// <summary>AWSEvents.* over HTTP as the SDKs send it (AWS JSON 1.1), and the event store's REST reads to see effects.</summary>
internal sealed class EventBridgeClient(HttpClient http)
{
    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(string operation, JsonObject request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(request.ToJsonString(), Encoding.UTF8) };
        message.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSEvents." + operation);
        var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-amz-json-1.1");
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The operation's answer; it must succeed.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject request)
    {
        var (status, body) = await SendAsync(operation, request);
        status.Should().Be(HttpStatusCode.OK, $"{operation} answered {body.ToJsonString()}");
        return body;
    }

    /// <summary>The operation must fail with HTTP 400 and this <c>__type</c>; returns the message.</summary>
    public async Task<string> FailAsync(string operation, JsonObject request, string code)
    {
        var (status, body) = await SendAsync(operation, request);
        status.Should().Be(HttpStatusCode.BadRequest, $"{operation} answered {body.ToJsonString()}");
        ((string?)body["__type"]).Should().Be(code, body.ToJsonString());
        var message = (string?)body["message"];
        message.Should().NotBeNullOrWhiteSpace();
        return message!;
    }

    public Task<JsonObject> PutEventAsync(string bus, string source, string detailType, JsonObject detail) =>
        CallAsync("PutEvents", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject
            {
                ["EventBusName"] = bus, ["Source"] = source, ["DetailType"] = detailType, ["Detail"] = detail.ToJsonString(),
            }),
        });

    /// <summary>The stored events of a bus (GET /events?bus=), oldest first.</summary>
    public async Task<JsonArray> EventsAsync(string bus, string? detailType = null)
    {
        var query = $"/events?bus={Uri.EscapeDataString(bus)}&pageSize=200" + (detailType is null ? "" : $"&detailType={Uri.EscapeDataString(detailType)}");
        return JsonNode.Parse(await http.GetStringAsync(new Uri(query, UriKind.Relative)))!["items"]!.AsArray();
    }

    /// <summary>Waits until the bus holds at least <paramref name="count"/> events (of the detail-type), at most 30 s.</summary>
    public async Task<JsonArray> WaitForEventsAsync(string bus, int count, string? detailType = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = await EventsAsync(bus, detailType);
            if (events.Count >= count || DateTime.UtcNow > deadline) return events;
            await Task.Delay(50);
        }
    }
}
