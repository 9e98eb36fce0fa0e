using Microsoft.AspNetCore.Builder;

namespace Shop.Modules.Kernel.Http;

/// <summary>
/// Marks an endpoint that changes state although its method is GET (the seed's API reserves stock with
/// GETs). Admin security treats it like POST: from a non-loopback address it needs the admin credential.
/// </summary>
public sealed class MutatingEndpointMetadata
{
    public static readonly MutatingEndpointMetadata Instance = new();

    private MutatingEndpointMetadata() { }
}

public static class MutatingEndpointExtensions
{
    public static TBuilder Mutates<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(MutatingEndpointMetadata.Instance);
}
