using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Tests.Infrastructure;

public static class RemoteAddress
{
    /// <summary>Every request reaches the app as if from <paramref name="address"/> (the test server sets none).</summary>
    public static ShopApp FromAddress(this ShopApp app, string address) =>
        app.WithServices(s => s.AddSingleton<IStartupFilter>(new Filter(IPAddress.Parse(address))));

    private sealed class Filter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
