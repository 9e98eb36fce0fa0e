using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Shop.Web;

/// <summary>
/// The admin console's Razor Pages live under <c>/admin</c> (so <c>/admin/events</c> never meets the API's
/// <c>/events</c>); the dashboard is also the site's root, and <c>/login</c> stays at the root.
/// </summary>
internal static class AdminPages
{
    public const string Prefix = "admin";

    public static IServiceCollection AddAdminPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.Add(new PrefixConvention());
            options.Conventions.AddPageRoute("/Index", "");
        });
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        return services;
    }

    private sealed class PrefixConvention : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            if (model.ViewEnginePath == "/Login") return;
            foreach (var selector in model.Selectors)
            {
                if (selector.AttributeRouteModel is { } route) route.Template = AttributeRouteModel.CombineTemplates(Prefix, route.Template);
            }
        }
    }
}
