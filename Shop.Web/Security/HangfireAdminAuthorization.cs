using Hangfire.Dashboard;

namespace Shop.Web.Security;

/// <summary>
/// Hangfire's own default lets only local requests in. <see cref="AdminAccessMiddleware"/> already guards
/// <c>/hangfire</c> (loopback, API key or admin login), so the dashboard is given this filter to defer to it.
/// </summary>
public sealed class HangfireAdminAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;
}
