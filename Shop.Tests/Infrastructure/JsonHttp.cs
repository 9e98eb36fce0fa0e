using System.Net;
using System.Text.Json;

namespace Shop.Tests.Infrastructure;

/// <summary>A status and a parsed JSON body (an empty body reads as JSON null).</summary>
public sealed record JsonReply(HttpStatusCode Status, JsonElement Body)
{
    public string Text(string name) => Body.GetProperty(name).GetString()!;

    public int Int(string name) => Body.GetProperty(name).GetInt32();

    public decimal Decimal(string name) => Body.GetProperty(name).GetDecimal();

    public double Double(string name) => Body.GetProperty(name).GetDouble();

    public override string ToString() => $"{(int)Status} {Body}";
}

public static class JsonHttp
{
    public static async Task<JsonReply> GetJsonAsync(this HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));

    public static async Task<JsonReply> PostJsonAsync(this HttpClient client, string path) =>
        await ReadAsync(await client.PostAsync(new Uri(path, UriKind.Relative), content: null));

    private static async Task<JsonReply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new JsonReply(response.StatusCode, document.RootElement.Clone());
    }
}
