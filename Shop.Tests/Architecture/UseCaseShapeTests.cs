using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Architecture;

/// <summary>
/// DESIGN.md: a use case is one folder and one name. Its endpoint (<c>XEndpoint</c>, with a static <c>Map</c>) sits in
/// the use case's folder beside its handler (<c>XHandler</c>); a module class only wires, calling each use case's Map.
/// </summary>
public sealed partial class UseCaseShapeTests
{
    private static readonly Assembly ModulesAssembly = typeof(KernelModule).Assembly;

    /// <summary>
    /// Not use-case modules: the platform (Kernel, Workflows), and AwsApi, the AWS protocols' one <c>POST /</c> that
    /// dispatches on X-Amz-Target to operations (and is left out of the OpenAPI document).
    /// </summary>
    private static readonly string[] NotUseCaseModules = ["Kernel", "Workflows", "AwsApi"];

    /// <summary>Module classes that still map a route themselves, and why. Empty this when the reason is gone.</summary>
    private static readonly Dictionary<string, string> PendingModuleClasses = new()
    {
        // EventStore/PutEvents/* is rewritten in the same round by the fuzz work; then PutEventsEndpoint gets its Map.
        ["EventStore"] = "POST /events: PutEventsEndpoint.Handle is mapped by EventStoreModule until the PutEvents rewrite lands",
    };

    [Fact]
    public void Given_the_host_Then_every_module_route_is_mapped_by_an_endpoint_that_sits_beside_its_handler()
    {
        using var app = new ShopApp();
        var problems = new List<string>();
        var checkedRoutes = 0;
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // Minimal APIs keep the handler's method as metadata; a lambda's is on a closure nested in the class that mapped it.
            if (endpoint.Metadata.GetMetadata<MethodInfo>()?.DeclaringType is not { } declaring) continue;
            var type = Outermost(declaring);
            if (ModuleOf(type) is not { } module || NotUseCaseModules.Contains(module)) continue;
            checkedRoutes++;
            problems.AddRange(ShapeProblems(type).Select(p => $"{endpoint.DisplayName}: {p}"));
        }

        checkedRoutes.Should().BeGreaterThan(35, "the retail, coffee, fulfillment, choreography and event store routes are all checked");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Given_every_endpoint_class_of_the_modules_Then_its_handler_sits_beside_it_named_alike()
    {
        var endpoints = ModulesAssembly.GetTypes()
            .Where(t => t.Name.EndsWith("Endpoint", StringComparison.Ordinal) && !IsCompilerGenerated(t) && t.DeclaringType is null)
            .Where(t => ModuleOf(t) is { } module && !NotUseCaseModules.Contains(module))
            .ToList();

        endpoints.Should().HaveCountGreaterThan(30);
        endpoints.SelectMany(t => ShapeProblems(t).Select(p => $"{t.FullName}: {p}")).Should().BeEmpty();
    }

    public static TheoryData<string> UseCaseModules()
    {
        var data = new TheoryData<string>();
        foreach (var row in ModuleBoundaryTests.ModuleNames().Cast<object[]>())
            if (!NotUseCaseModules.Contains((string)row[0])) data.Add((string)row[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(UseCaseModules))]
    public void Given_a_module_class_Then_it_maps_routes_only_by_calling_its_use_cases(string module)
    {
        var folder = Path.Combine(ShopServer.RepositoryRoot, "Shop.Modules", module);
        var source = File.ReadAllText(Path.Combine(folder, $"{module}Module.cs"));
        var maps = RouteMapping().Matches(source).Select(m => m.Value).ToList();

        if (PendingModuleClasses.TryGetValue(module, out var reason))
            maps.Should().NotBeEmpty($"{module} is listed as pending ({reason}): remove it from the list once it only wires");
        else
            maps.Should().BeEmpty($"{module}Module only wires: each route is mapped by its use case's XEndpoint.Map");
        Directory.GetFiles(folder, "*Endpoints.cs", SearchOption.AllDirectories).Should()
            .BeEmpty("endpoints live in their use case's folder (XEndpoint.cs), not in a module-wide XEndpoints.cs");
    }

    [Fact]
    public void Given_an_endpoint_without_its_handler_or_outside_a_use_case_folder_Then_the_shape_rule_reports_it()
    {
        ShapeProblems(typeof(Shop.Modules.Orders.FixtureLonely.LonelyEndpoint)).Should().ContainSingle().Which.Should().Contain("LonelyHandler");
        ShapeProblems(typeof(Shop.Modules.Orders.FixtureTwins.TwinEndpoint)).Should().ContainSingle().Which.Should().Contain("one use case per folder");
        ShapeProblems(typeof(Shop.Modules.Orders.FixtureModuleRoutes)).Should().Contain(p => p.Contains("not in a use case's folder"))
            .And.Contain(p => p.Contains("not named XEndpoint"));
        ShapeProblems(typeof(Shop.Modules.Orders.Describe.DescribeOrderEndpoint)).Should().BeEmpty("the real Orders use case is well formed");
    }

    /// <summary>What is wrong with <paramref name="type"/> as the class that maps a use case's route; empty when nothing.</summary>
    internal static IReadOnlyList<string> ShapeProblems(Type type)
    {
        var problems = new List<string>();
        var module = ModuleOf(type);
        if (!type.Name.EndsWith("Endpoint", StringComparison.Ordinal))
            problems.Add($"{type.Name} maps a route but is not named XEndpoint");
        if (type.Namespace == $"Shop.Modules.{module}")
            problems.Add($"{type.Name} is not in a use case's folder (Shop.Modules.{module}.<UseCase>)");
        if (problems.Count > 0) return problems;

        var name = type.Name[..^"Endpoint".Length];
        var siblings = type.Assembly.GetTypes().Where(t => t.Namespace == type.Namespace && t.DeclaringType is null).ToList();
        if (!siblings.Any(t => t.Name == name + "Handler"))
            problems.Add($"no {name}Handler beside {type.Name} in {type.Namespace}");
        var others = siblings.Where(t => t != type && t.Name.EndsWith("Endpoint", StringComparison.Ordinal) && !IsCompilerGenerated(t)).Select(t => t.Name).ToList();
        if (others.Count > 0)
            problems.Add($"{type.Namespace} holds {string.Join(", ", others)} too: one use case per folder");
        return problems;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    /// <summary>"Orders" for Shop.Modules.Orders.*; null outside the modules.</summary>
    private static string? ModuleOf(Type type) =>
        type.Namespace?.Split('.') is ["Shop", "Modules", var module, ..] ? module : null;

    private static bool IsCompilerGenerated(Type type) => type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null;

    [GeneratedRegex(@"\.Map(Get|Post|Put|Delete|Patch|Methods|Fallback)\s*\(")]
    private static partial Regex RouteMapping();
}
