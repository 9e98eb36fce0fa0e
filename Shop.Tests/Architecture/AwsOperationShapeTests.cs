using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.AwsApi;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Architecture;

/// <summary>
/// The AWS API's shape: <c>POST /</c> only maps <c>X-Amz-Target: Service.X</c> to the operation <c>XOperation</c>, one
/// class in one file (<c>Shop.Modules/AwsApi/&lt;Service&gt;/XOperation.cs</c>), grouped by service, as a REST use case
/// is one folder.
/// </summary>
public sealed class AwsOperationShapeTests
{
    [Fact]
    public void Given_the_AWS_services_Then_every_target_maps_to_its_own_XOperation_file_and_no_operation_is_orphaned()
    {
        using var app = new ShopApp();
        var services = app.Services.GetServices<AwsService>().ToList();
        services.Select(s => s.TargetPrefix).Should().BeEquivalentTo(["AWSStepFunctions", "AWSEvents", "DynamoDB_20120810"]);

        var problems = new List<string>();
        var mapped = new HashSet<Type>();
        foreach (var service in services)
            foreach (var (target, operation) in service.Operations)
            {
                var type = Unwrapped(operation).Method.DeclaringType!;
                mapped.Add(type);
                problems.AddRange(Problems($"{service.TargetPrefix}.{target}", target, type));
            }

        mapped.Should().HaveCountGreaterThan(50, "Step Functions, EventBridge and DynamoDB operations are all checked");
        var orphans = typeof(AwsService).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Shop.Modules.AwsApi.", StringComparison.Ordinal) == true && t.Name.EndsWith("Operation", StringComparison.Ordinal))
            .Where(t => t.DeclaringType is null && !mapped.Contains(t))
            .Select(t => t.FullName);
        problems.AddRange(orphans.Select(o => $"{o} is mapped by no X-Amz-Target"));
        problems.Should().BeEmpty();
    }

    [Fact]
    public void Given_an_operation_in_a_class_named_otherwise_Then_the_rule_reports_it()
    {
        Problems("AWSEvents.PutEvents", "PutEvents", typeof(AwsService)).Should().ContainSingle().Which.Should().Contain("PutEventsOperation");
    }

    private static IEnumerable<string> Problems(string target, string operation, Type type)
    {
        if (type.Name != operation + "Operation")
        {
            yield return $"{target} is handled by {type.FullName}, not by {operation}Operation";
            yield break;
        }
        var folder = type.Namespace!["Shop.Modules.AwsApi.".Length..].Replace('.', Path.DirectorySeparatorChar);
        var file = Path.Combine(Repository.Root, "Shop.Modules", "AwsApi", folder, type.Name + ".cs");
        if (!File.Exists(file)) yield return $"{target}: {type.Name} is not alone in its own file {file}";
    }

    /// <summary>A service may wrap its operations (DynamoDB qualifies its error codes); the wrapper's closure holds the operation.</summary>
    private static Delegate Unwrapped(Delegate operation)
    {
        while (!operation.Method.DeclaringType!.Name.EndsWith("Operation", StringComparison.Ordinal)
            && operation.Target?.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(f => f.GetValue(operation.Target)).OfType<Delegate>().FirstOrDefault() is { } inner)
            operation = inner;
        return operation;
    }
}
