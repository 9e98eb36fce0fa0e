using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Modules.Kernel.Http;
using Shop.Web.Security;

namespace Shop.Tests.Security;

/// <summary>
/// The rule for GET endpoints marked <see cref="MutatingEndpointMetadata"/>, on the middleware itself: no such
/// endpoint exists yet in the host (the retail modules add them).
/// </summary>
public sealed class MutatingGetTests
{
    private static async Task<int> CallAsync(Endpoint endpoint, string? apiKey)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails()
            .Configure<AdminCredentials>(c => c.ApiKey = "k").BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/inventory/reserve/item-1";
        context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.1");
        if (apiKey is not null) context.Request.Headers["X-Api-Key"] = apiKey;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(endpoint);
        var reached = false;
        var middleware = new AdminAccessMiddleware(_ => { reached = true; return Task.CompletedTask; },
            services.GetRequiredService<IOptionsMonitor<AdminCredentials>>(), services.GetRequiredService<IProblemDetailsService>());

        await middleware.InvokeAsync(context);

        return reached ? StatusCodes.Status200OK : context.Response.StatusCode;
    }

    [Fact]
    public async Task Given_a_mutating_GET_When_a_remote_caller_has_no_key_Then_401_and_with_the_key_it_runs()
    {
        var mutating = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(MutatingEndpointMetadata.Instance), "reserve");

        (await CallAsync(mutating, null)).Should().Be(401);
        (await CallAsync(mutating, "k")).Should().Be(200);
    }

    [Fact]
    public async Task Given_a_plain_GET_When_a_remote_caller_has_no_key_Then_it_runs()
    {
        var reading = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "describe");

        (await CallAsync(reading, null)).Should().Be(200);
    }
}
