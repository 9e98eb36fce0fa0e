using System.Net;
using System.Text.RegularExpressions;

namespace Shop.Tests.Web;

/// <summary>Posts a page's form as a browser would: the antiforgery token from the page, its cookie kept by the client.</summary>
internal static partial class PageForms
{
    /// <param name="tokenPage">Where to read the token when <paramref name="pageUrl"/> shows no form (any page's token is valid).</param>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string? handler, IReadOnlyDictionary<string, string> fields,
        string? tokenPage = null)
    {
        var page = await client.GetAsync(new Uri(tokenPage ?? pageUrl, UriKind.Relative));
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the form's page opens");
        var html = await page.Content.ReadAsStringAsync();
        var token = Token().Match(html);
        token.Success.Should().BeTrue("every form carries an antiforgery token");

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        var path = pageUrl.Split('?')[0] + (handler is null ? "" : $"?handler={handler}");
        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    public static async Task<string> PostFormForHtmlAsync(this HttpClient client, string pageUrl, string? handler, IReadOnlyDictionary<string, string> fields,
        string? tokenPage = null)
    {
        var response = await client.PostFormAsync(pageUrl, handler, fields, tokenPage);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
