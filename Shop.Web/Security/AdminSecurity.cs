using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.OpenApi;

namespace Shop.Web.Security;

/// <summary>Wiring of admin security; see <see cref="AdminAccessMiddleware"/> for the rules.</summary>
internal static class AdminSecurity
{
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The host prefix of Step Functions' StartSyncExecution (service model: <c>"hostPrefix": "sync-"</c>).</summary>
    public const string SyncPrefix = "sync-";

    public static IServiceCollection AddAdminSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminCredentials>(configuration.GetSection(AdminCredentials.Section));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "shop-admin";
                options.Cookie.HttpOnly = true;
                // Strict: a cookie-authenticated POST to the API can only come from the shop's own pages.
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.LoginPath = AdminAccessMiddleware.LoginPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });

        // Loopback names are always allowed hosts, whatever AllowedHosts adds: a DNS-rebinding page reaches the
        // shop under its own name, which the host filter then refuses with 400.
        services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (options.AllowedHosts.Contains("*")) return;
            // A new list: the one bound from configuration may be a fixed-size array.
            options.AllowedHosts = options.AllowedHosts.ToList();
            foreach (var host in LoopbackHosts)
                if (!options.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase)) options.AllowedHosts.Add(host);
            // The AWS CLI and SDKs send StartSyncExecution to "sync-" + the endpoint's host (the service model's host
            // prefix): that one prefix of an allowed name is allowed too (not of "*." patterns, which already cover
            // subdomains, nor of IPv6 literals, which cannot carry one).
            foreach (var host in options.AllowedHosts.ToList())
                if (!host.StartsWith('*') && !host.StartsWith('[') && !options.AllowedHosts.Contains(SyncPrefix + host, StringComparer.OrdinalIgnoreCase))
                    options.AllowedHosts.Add(SyncPrefix + host);
        });

        // The guard's 401/403 appear on every operation it guards, in the OpenAPI document and Scalar.
        services.ConfigureAll<OpenApiOptions>(options => options.AddOperationTransformer<AdminRefusalsInOpenApi>());

        // Guessing the admin password is slow: a few attempts a minute per address.
        var perMinute = Math.Max(1, configuration.GetValue("Admin:LoginAttemptsPerMinute", 10));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(AdminAccessMiddleware.LoginPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "in-process",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    /// <summary>After routing (the rules read endpoint metadata) and before any endpoint or the Hangfire dashboard.</summary>
    public static WebApplication UseAdminSecurity(this WebApplication app)
    {
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseAuthentication();
        app.UseMiddleware<AdminAccessMiddleware>();
        return app;
    }
}
