using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Shop.Modules.Kernel.Http;

/// <summary>
/// Every JSON body is checked by <see cref="JsonBody"/>'s rules before any endpoint binds it, so endpoints that
/// let the framework bind a record (the task callbacks, StartExecution) refuse duplicate keys and invalid text
/// with a 400 too, instead of failing later where a value is first read.
/// </summary>
internal sealed class JsonBodyGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsJson(context.Request.ContentType) && context.Request.ContentLength is not 0)
        {
            context.Request.EnableBuffering();
            await JsonBody.ReadAsync(context.Request, allowEmpty: true, context.RequestAborted);
            context.Request.Body.Position = 0;
        }
        await next(context);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}

public static class JsonBodyGuardExtensions
{
    public static IApplicationBuilder UseJsonBodyGuard(this IApplicationBuilder app) => app.UseMiddleware<JsonBodyGuard>();
}
