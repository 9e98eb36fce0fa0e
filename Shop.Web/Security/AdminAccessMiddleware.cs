using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Http;

namespace Shop.Web.Security;

/// <summary>
/// Loopback callers are trusted. From any other address, the admin pages, the Hangfire dashboard and every
/// mutating endpoint (any method but GET/HEAD, and GETs marked <see cref="MutatingEndpointMetadata"/>) need
/// the <c>X-Api-Key</c> header or the admin login cookie; with no credential configured they are refused.
/// Read-only API GETs stay open. Runs after routing, so the endpoint's metadata is known.
/// </summary>
internal sealed class AdminAccessMiddleware(RequestDelegate next, IOptionsMonitor<AdminCredentials> credentials, IProblemDetailsService problems)
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string LoginPath = "/login";

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsLocal(context.Connection.RemoteIpAddress) || !NeedsAdmin(context))
        {
            await next(context);
            return;
        }

        var admin = credentials.CurrentValue;
        if (admin.IsValidApiKey(context.Request.Headers[ApiKeyHeader]) || (admin.HasLogin && context.User.Identity?.IsAuthenticated == true))
        {
            await next(context);
            return;
        }

        if (!admin.HasApiKey && !admin.HasLogin)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Admin access refused",
                "Only loopback callers may use this: no admin credential is configured (Admin:ApiKey, or Admin:Username and Admin:Password).");
            return;
        }
        if (admin.HasLogin && IsPage(context) && HttpMethods.IsGet(context.Request.Method))
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return;
        }
        await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Admin credential required",
            $"From this address this needs the '{ApiKeyHeader}' header{(admin.HasLogin ? $" or a login at {LoginPath}" : "")}.");
    }

    /// <summary>A missing address only happens in process (the test server), never on a socket.</summary>
    internal static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static bool NeedsAdmin(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(LoginPath, StringComparison.OrdinalIgnoreCase)) return false;
        if (path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)) return true;
        return IsPage(context) || GuardsApi(context.Request.Method, context.GetEndpoint()?.Metadata.GetMetadata<MutatingEndpointMetadata>() is not null);
    }

    /// <summary>The rule for API routes, shared with the OpenAPI document (<see cref="AdminRefusalsInOpenApi"/>): every method but GET/HEAD, and GETs marked mutating.</summary>
    internal static bool GuardsApi(string method, bool marksMutating) =>
        marksMutating || (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method));

    private static bool IsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    private async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
