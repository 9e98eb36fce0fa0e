using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Host;

/// <summary>Shop.Web/Shop.Web.http is runnable: each of its requests, sent to the host as the file writes it, succeeds.</summary>
public sealed class HttpFileTests
{
    private const string HostVariable = "{{Shop.Web_HostAddress}}";

    [Fact]
    public async Task Given_the_http_file_When_each_request_is_sent_Then_each_succeeds()
    {
        var requests = Parse(File.ReadAllText(Path.Combine(Repository.Root, "Shop.Web", "Shop.Web.http")));
        requests.Should().HaveCountGreaterThan(10, "one request per route group");

        using var app = new ShopApp();
        using var client = app.CreateClient();
        foreach (var request in requests)
        {
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message);
            response.IsSuccessStatusCode.Should().BeTrue($"{request.Method} {request.Url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record HttpFileRequest(string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string? Body, IReadOnlyDictionary<string, string> Variables)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Url.Replace(HostVariable, "", StringComparison.Ordinal));
            string? contentType = null;
            foreach (var (name, value) in Headers)
            {
                var expanded = Expand(value);
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = expanded;
                else message.Headers.TryAddWithoutValidation(name, expanded);
            }
            if (Body is not null)
            {
                message.Content = new StringContent(Body);
                if (contentType is not null) message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            }
            return message;
        }

        private string Expand(string value) =>
            Variables.Aggregate(value, (text, variable) => text.Replace($"{{{{{variable.Key}}}}}", variable.Value, StringComparison.Ordinal));
    }

    /// <summary>The file's requests: <c>###</c> separates them; <c>@name = value</c> declares a variable; <c>#</c> starts a comment.</summary>
    private static List<HttpFileRequest> Parse(string text)
    {
        var variables = new Dictionary<string, string>();
        var requests = new List<HttpFileRequest>();
        var blocks = text.Split("###");
        for (var i = 0; i < blocks.Length; i++)
        {
            var lines = blocks[i].Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            // After a ###, the rest of its line is the request's title.
            var content = lines.Skip(i == 0 ? 0 : 1).ToList();
            foreach (var line in content.Where(l => l.StartsWith('@')))
            {
                var parts = line[1..].Split('=', 2);
                variables[parts[0].Trim()] = parts[1].Trim();
            }
            var rest = content.Where(l => !l.StartsWith('#') && !l.StartsWith('@')).SkipWhile(string.IsNullOrWhiteSpace).ToList();
            if (rest.Count == 0) continue;
            var start = rest[0].Split(' ', 2);
            var headers = rest.Skip(1).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToList();
            var body = string.Join('\n', rest.Skip(1 + headers.Count)).Trim();
            requests.Add(new HttpFileRequest(start[0], start[1].Trim(), headers, body.Length == 0 ? null : body, variables));
        }
        return requests;
    }
}
