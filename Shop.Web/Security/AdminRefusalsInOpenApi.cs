using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shop.Modules.Kernel.Http;

namespace Shop.Web.Security;

/// <summary>
/// Declares the admin guard's refusals in the OpenAPI document: every operation <see cref="AdminAccessMiddleware"/>
/// guards answers a remote caller 401 (credential required) or 403 (none configured). Declared here, once, from the
/// guard's own rule, so that no route group can forget it and the document cannot drift from what the guard does.
/// </summary>
internal sealed class AdminRefusalsInOpenApi : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var mutating = description.ActionDescriptor.EndpointMetadata.OfType<MutatingEndpointMetadata>().Any();
        if (!AdminAccessMiddleware.GuardsApi(description.HttpMethod ?? "", mutating)) return;

        operation.Responses ??= [];
        foreach (var (status, why) in Refusals)
        {
            // A route that answers this status for its own reason (a declined payment's 401) keeps its description.
            if (operation.Responses.ContainsKey(status)) continue;
            operation.Responses[status] = new OpenApiResponse
            {
                Description = why,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken) },
                },
            };
        }
    }

    private static readonly (string Status, string Why)[] Refusals =
    [
        ("401", $"From a non-loopback address: the admin credential is required ({AdminAccessMiddleware.ApiKeyHeader} header or login)."),
        ("403", "From a non-loopback address when no admin credential is configured."),
    ];
}
