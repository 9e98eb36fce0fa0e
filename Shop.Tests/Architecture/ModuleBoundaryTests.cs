using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Shop.Modules.Kernel;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Shop.Tests.Architecture;

/// <summary>
/// DESIGN.md: a module uses only Kernel, the Workflows API and other modules' Contracts; everything it
/// does not offer through Contracts (or its module class) is internal.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly System.Reflection.Assembly ModulesAssembly = typeof(KernelModule).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture Modules = new ArchLoader().LoadAssemblies(ModulesAssembly).Build();

    /// <summary>Shared infrastructure, not modules: others may use their public types.</summary>
    private static readonly string[] Platform = ["Kernel", "Workflows"];

    /// <summary>Every folder under Shop.Modules that is a module, found from the namespaces (new modules are covered too).</summary>
    public static TheoryData<string> ModuleNames()
    {
        var names = ModulesAssembly.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith("Shop.Modules.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2])
            .Where(n => !Platform.Contains(n))
            .Distinct()
            .Order();
        var data = new TheoryData<string>();
        foreach (var name in names) data.Add(name);
        return data;
    }

    private static string Below(string ns) => $@"^{Regex.Escape(ns)}(\..+)?$";

    /// <summary>Types of <paramref name="module"/> (generated migrations aside) may not touch another module's non-Contracts types, nor non-public platform types.</summary>
    internal static IArchRule BoundaryRule(string module)
    {
        var platform = string.Join('|', Platform);
        var otherModuleInternals = $@"^Shop\.Modules\.(?!(?:{Regex.Escape(module)}|{platform})(?:\.|$))(?>[^.]+)(?!\.Contracts(?:\.|$))(?:\..+)?$";
        var subject = Types().That().ResideInNamespaceMatching(Below($"Shop.Modules.{module}"))
            .And().DoNotResideInNamespaceMatching(Below($"Shop.Modules.{module}.Data.Migrations"));
        var platformInternals = Types().That().ResideInNamespaceMatching($@"^Shop\.Modules\.({platform})(\..+)?$").And().AreNotPublic();
        return subject.Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(otherModuleInternals))
            .AndShould().NotDependOnAny(platformInternals)
            .Because($"{module} may use only Kernel, the Workflows API and other modules' Contracts")
            .WithoutRequiringPositiveResults();
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Given_a_module_Then_it_uses_only_platform_APIs_and_other_modules_Contracts(string module) =>
        BoundaryRule(module).Check(Modules);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Given_a_module_Then_only_its_Contracts_module_class_and_migrations_are_public(string module) =>
        Types().That().ResideInNamespaceMatching(Below($"Shop.Modules.{module}"))
            .And().DoNotResideInNamespaceMatching(Below($"Shop.Modules.{module}.Contracts"))
            .And().DoNotResideInNamespaceMatching(Below($"Shop.Modules.{module}.Data.Migrations"))
            .And().DoNotHaveFullName($"Shop.Modules.{module}.{module}Module")
            .Should().NotBePublic()
            .Because("a module offers itself only through Contracts and its module class")
            .Check(Modules);

    [Fact]
    public void Given_the_known_retail_modules_Then_they_are_all_checked()
    {
        ModuleNames().Cast<object[]>().Select(row => (string)row[0]).Should().Contain(["Customers", "Inventory", "Payments", "Delivery", "Orders"]);
    }

    [Fact]
    public void Given_a_type_that_reaches_into_another_modules_internals_Then_the_boundary_rule_reports_it()
    {
        var withFixture = new ArchLoader().LoadAssemblies(ModulesAssembly, typeof(ModuleBoundaryTests).Assembly).Build();

        var failures = BoundaryRule("Orders").Evaluate(withFixture).Where(r => !r.Passed).ToList();

        var offenders = failures.Select(f => ((IHasName)f.EvaluatedObject).FullName).ToList();
        offenders.Should().Contain(typeof(Shop.Modules.Orders.ArchitectureFixture.ReachesIntoInventory).FullName);
        offenders.Should().OnlyContain(name => name.Contains("ArchitectureFixture"), "the real Orders module is clean");
    }
}
