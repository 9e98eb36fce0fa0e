using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Shop.Modules.Kernel.Http;

/// <summary>
/// The last problem writer: when the caller's Accept header names no JSON type (text/html, image/*, nonsense),
/// the default writer declines, and without this one a 404 would become a 500. A problem is always JSON.
/// </summary>
internal sealed class JsonProblemWriter : IProblemDetailsWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) =>
        new(context.HttpContext.Response.WriteAsJsonAsync(context.ProblemDetails, Json, "application/problem+json", context.HttpContext.RequestAborted));
}
