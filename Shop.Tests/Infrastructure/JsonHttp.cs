using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Tests.Infrastructure;

/// <summary>A status and a parsed JSON body (an empty body reads as JSON null).</summary>
public sealed record JsonReply(HttpStatusCode Status, JsonElement Body)
{
    public string Text(string name) => Body.GetProperty(name).GetString()!;

    public int Int(string name) => Body.GetProperty(name).GetInt32();

    public decimal Decimal(string name) => Body.GetProperty(name).GetDecimal();

    public double Double(string name) => Body.GetProperty(name).GetDouble();

    /// <summary>The body read into a public contract type (the module's <c>Contracts</c>), as a client of the API would.</summary>
    public T As<T>() => Body.Deserialize<T>(JsonHttp.Options) ?? throw new InvalidOperationException($"No {typeof(T).Name} in {this}");

    /// <summary>Fails unless the reply has <paramref name="status"/> (the message shows the reply); then the body as <typeparamref name="T"/>.</summary>
    public T As<T>(HttpStatusCode status)
    {
        Status.Should().Be(status, ToString());
        return As<T>();
    }

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>
/// The shop's REST API as tests call it. Replies are read into the modules' public contract types (<see cref="GetOkAsync{T}"/>,
/// <see cref="JsonReply.As{T}"/>); untyped reading (<see cref="JsonReply.Text"/>, …) is for problem details and the
/// tests whose point is the wire shape.
/// </summary>
public static class JsonHttp
{
    /// <summary>The shop's JSON: camelCase names (ASP.NET's web defaults).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<JsonReply> GetJsonAsync(this HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));

    public static async Task<JsonReply> PostJsonAsync(this HttpClient client, string path) =>
        await ReadAsync(await client.PostAsync(new Uri(path, UriKind.Relative), content: null));

    public static async Task<JsonReply> PostJsonAsync(this HttpClient client, string path, object body) =>
        await ReadAsync(await client.PostAsJsonAsync(path, body, Options));

    /// <summary>GET that must answer 200 (else it fails with the reply), its body read into <typeparamref name="T"/>.</summary>
    public static async Task<T> GetOkAsync<T>(this HttpClient client, string path) =>
        (await client.GetJsonAsync(path)).As<T>(HttpStatusCode.OK);

    private static async Task<JsonReply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new JsonReply(response.StatusCode, document.RootElement.Clone());
    }
}
