using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Shop.Modules.Kernel.Http;

namespace Shop.Web.Security;

/// <summary>
/// A web page the operator opens must not be able to change the shop through the operator's browser (an
/// <c>&lt;img&gt;</c> on a mutating GET, a form POST, a fetch from a rebinding DNS name). Browsers say where a
/// request comes from: <c>Sec-Fetch-Site</c>, and <c>Origin</c> on unsafe methods. A state-changing request
/// (any method but GET/HEAD/OPTIONS, and GETs marked <see cref="MutatingEndpointMetadata"/>) that is
/// <c>cross-site</c> or <c>same-site</c>, or whose Origin is not the shop's own, is refused with 403, whoever the
/// caller is. Clients that are not browsers (the AWS CLI, curl, tests) send neither header and pass.
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ChangesState(context) && CrossSiteReason(context.Request) is { } reason)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden, Title = "Cross-site request refused",
                    Detail = $"This request changes the shop and came from another site ({reason}); use the shop's own pages or a non-browser client.",
                },
            });
            return;
        }
        await next(context);
    }

    internal static bool ChangesState(HttpContext context)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)) return true;
        return context.GetEndpoint()?.Metadata.GetMetadata<MutatingEndpointMetadata>() is not null;
    }

    /// <returns>Null when the request comes from the shop's own pages or from no browser at all.</returns>
    internal static string? CrossSiteReason(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
            return $"Sec-Fetch-Site: {site}";
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0) return null;
        var own = $"{request.Scheme}://{request.Host.Value}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)) return null;
        // A request to sync-{host} (the AWS SDKs' StartSyncExecution prefix) comes from the shop's own pages when the
        // Origin is {host} itself; no other prefix or name is the shop's.
        var host = request.Host.Value ?? "";
        if (host.StartsWith(AdminSecurity.SyncPrefix, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin, $"{request.Scheme}://{host[AdminSecurity.SyncPrefix.Length..]}", StringComparison.OrdinalIgnoreCase))
            return null;
        return $"Origin: {(origin.Length > 100 ? origin[..100] : origin)}";
    }
}
