using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Modules.Kernel.Http;

/// <summary>
/// Maps domain exceptions and malformed requests to RFC 9457 ProblemDetails. Anything else stays a 500
/// (a bug), logged by the framework.
/// </summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => Problem(domain.StatusCode, domain.Title, domain.Message, domain.Extensions),
            // Unreadable JSON bodies and unbindable parameters of minimal APIs.
            BadHttpRequestException bad => Problem(bad.StatusCode, "Invalid request", bad.InnerException?.Message ?? bad.Message, null),
            _ => null,
        };
        if (problem is null) return false;

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail, IDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        }
        return problem;
    }
}
