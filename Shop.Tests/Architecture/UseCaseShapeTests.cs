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
    /// Not use-case modules: Kernel, the platform's shared parts (its routes outside <see cref="UseCaseAreas"/> are
    /// admin plumbing: dead deliveries, database counters, sample data), and AwsApi, the AWS protocols' one <c>POST /</c>
    /// that dispatches on X-Amz-Target to operations (left out of the OpenAPI document; its operations keep their own
    /// shape, see AwsOperationShapeTests).
    /// </summary>
    private static readonly string[] NotUseCaseModules = ["Kernel", "AwsApi"];

    /// <summary>Parts of the platform that serve use cases over REST and are held to the same shape, rooted at their namespace.</summary>
    private static readonly string[] UseCaseAreas = ["Shop.Modules.Kernel.Rules"];

    /// <summary>Module classes that still map a route themselves, and why. Empty this when the reason is gone.</summary>
    private static readonly Dictionary<string, string> PendingModuleClasses = new();

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
            if (!HeldToShape(type)) continue;
            checkedRoutes++;
            problems.AddRange(ShapeProblems(type).Select(p => $"{endpoint.DisplayName}: {p}"));
        }

        checkedRoutes.Should().BeGreaterThan(50, "the retail, coffee, fulfillment, choreography, event store, workflow and rule routes are all checked");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Given_every_endpoint_class_of_the_modules_Then_its_handler_sits_beside_it_named_alike()
    {
        var endpoints = ModulesAssembly.GetTypes()
            .Where(t => t.Name.EndsWith("Endpoint", StringComparison.Ordinal) && !IsCompilerGenerated(t) && t.DeclaringType is null)
            .Where(HeldToShape)
            .ToList();

        endpoints.Should().HaveCountGreaterThan(45);
        endpoints.Should().Contain(t => t.Namespace!.StartsWith("Shop.Modules.Workflows.Api.", StringComparison.Ordinal))
            .And.Contain(t => t.Namespace!.StartsWith("Shop.Modules.Kernel.Rules.", StringComparison.Ordinal));
        endpoints.SelectMany(t => ShapeProblems(t).Select(p => $"{t.FullName}: {p}")).Should().BeEmpty();
    }

    /// <summary>The classes that wire use cases: each module's XModule.cs, and the wiring files of <see cref="UseCaseAreas"/> and ASL.</summary>
    public static TheoryData<string> WiringClasses()
    {
        var data = new TheoryData<string>();
        foreach (var row in ModuleBoundaryTests.ModuleNames().Cast<object[]>())
            if (!NotUseCaseModules.Contains((string)row[0])) data.Add($"{row[0]}/{row[0]}Module.cs");
        data.Add("Kernel/Rules/RulesModule.cs");
        data.Add("Workflows/Asl/AslWorkflows.cs");
        return data;
    }

    [Theory]
    [MemberData(nameof(WiringClasses))]
    public void Given_a_module_class_Then_it_maps_routes_only_by_calling_its_use_cases(string file)
    {
        var path = Path.Combine(Repository.Root, "Shop.Modules", file);
        var maps = RouteMapping().Matches(File.ReadAllText(path)).Select(m => m.Value).ToList();

        if (PendingModuleClasses.TryGetValue(file, out var reason))
            maps.Should().NotBeEmpty($"{file} is listed as pending ({reason}): remove it from the list once it only wires");
        else
            maps.Should().BeEmpty($"{file} only wires: each route is mapped by its use case's XEndpoint.Map");
        Directory.GetFiles(Path.GetDirectoryName(path)!, "*Endpoints.cs", SearchOption.AllDirectories).Should()
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
        var root = AreaOf(type);
        if (!type.Name.EndsWith("Endpoint", StringComparison.Ordinal))
            problems.Add($"{type.Name} maps a route but is not named XEndpoint");
        if (type.Namespace == root)
            problems.Add($"{type.Name} is not in a use case's folder ({root}.<UseCase>)");
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

    /// <summary>Whether the type's routes and endpoints are held to the use-case shape: a use-case module's, or in a <see cref="UseCaseAreas"/>.</summary>
    private static bool HeldToShape(Type type) =>
        ModuleOf(type) is { } module && (!NotUseCaseModules.Contains(module) || UseCaseAreas.Any(a => InArea(type, a)));

    /// <summary>The namespace under which the type's use cases each have a folder: its area's, else its module's.</summary>
    private static string AreaOf(Type type) => UseCaseAreas.FirstOrDefault(a => InArea(type, a)) ?? $"Shop.Modules.{ModuleOf(type)}";

    private static bool InArea(Type type, string area) =>
        type.Namespace == area || type.Namespace?.StartsWith(area + ".", StringComparison.Ordinal) == true;

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
