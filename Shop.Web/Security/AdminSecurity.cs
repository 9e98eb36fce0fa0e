using Microsoft.AspNetCore.Authentication.Cookies;

namespace Shop.Web.Security;

/// <summary>Wiring of admin security; see <see cref="AdminAccessMiddleware"/> for the rules.</summary>
internal static class AdminSecurity
{
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
        return services;
    }

    /// <summary>After routing (the rules read endpoint metadata) and before any endpoint or the Hangfire dashboard.</summary>
    public static WebApplication UseAdminSecurity(this WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AdminAccessMiddleware>();
        return app;
    }
}
