// Deliberately malformed use cases, so that a test can show the use-case shape rule catches them. The rule over
// Shop.Modules alone never sees this assembly.
namespace Shop.Modules.Orders.FixtureLonely
{
    /// <summary>An endpoint with no LonelyHandler beside it.</summary>
    internal static class LonelyEndpoint;
}

namespace Shop.Modules.Orders.FixtureTwins
{
    /// <summary>Two endpoints (each with its handler) in one folder: two use cases share it.</summary>
    internal static class TwinEndpoint;

    internal sealed class TwinHandler;

    internal static class OtherEndpoint;

    internal sealed class OtherHandler;
}

namespace Shop.Modules.Orders
{
    /// <summary>A module-level class that maps routes itself.</summary>
    internal static class FixtureModuleRoutes;
}
