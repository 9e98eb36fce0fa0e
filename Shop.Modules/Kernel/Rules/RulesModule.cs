using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules.Archives;
using Shop.Modules.Kernel.Rules.List;
using Shop.Modules.Kernel.Rules.TestPattern;

namespace Shop.Modules.Kernel.Rules;

/// <summary>
/// EventBridge rules on the shop's bus: every committed event is matched against every rule, and a match
/// invokes the rule's target (an <see cref="IRuleTarget"/>) with the rule's target input. Rules come from code
/// (<see cref="AddRule(IServiceCollection, string, string, string, TargetInput?)"/>) and from the <c>Rules</c>
/// settings; an invalid one stops the host at start with a message naming the rule.
/// </summary>
public static class RulesModule
{
    public const string Section = "Rules";

    public static IServiceCollection AddRules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var rule in ReadConfiguredRules(configuration)) services.AddSingleton(rule);
        services.AddSingleton<RuleRegistry>();
        services.AddSingleton<DeclaredBuses>();
        services.AddSingleton<RuntimeRuleCache>();
        services.AddScoped<RuleTargetInvoker>();
        services.AddScoped(sp => new EventRules(sp.GetRequiredService<Events.Data.EventsDbContext>(), sp.GetRequiredService<Database.UnitOfWork>(),
            sp.GetRequiredService<RuleRegistry>(), sp.GetRequiredService<DeclaredBuses>(), sp.GetRequiredService<RuntimeRuleCache>(),
            sp.GetRequiredService<RuleTargetInvoker>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Schedules.RuleSchedules>()));
        services.AddSingleton<Schedules.RuleSchedules>();
        services.AddHostedService(sp => sp.GetRequiredService<Schedules.RuleSchedules>());
        services.AddTransient<Schedules.ScheduleJob>();
        services.AddArchives();
        services.AddScoped<Events.IEventSubscribers, RuleSubscribers>();
        services.AddHostedService<RuleStartupCheck>();
        return services;
    }

    /// <summary>Declares a rule in code; the pattern is checked here, so a bad one fails the host while it is being built.</summary>
    /// <exception cref="InvalidOperationException">The pattern is invalid; the message names the rule and what is wrong.</exception>
    public static IServiceCollection AddRule(this IServiceCollection services, string name, string pattern, string target, TargetInput? input = null)
    {
        services.AddSingleton(Declare(name, pattern, target, input, "code"));
        return services;
    }

    public static IEndpointRouteBuilder MapRulesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A malformed request (query, pattern, event) is a 400 that says what is wrong.
        var group = endpoints.MapGroup("/rules").WithTags("Rules").ProducesProblem(StatusCodes.Status400BadRequest);
        ListRulesEndpoint.Map(group);
        TestEventPatternEndpoint.Map(group);
        return endpoints;
    }

    private static RuleDeclaration Declare(string name, string pattern, string target, TargetInput? input, string origin)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidOperationException($"A rule ({origin}) needs a Name.");
        if (string.IsNullOrWhiteSpace(target)) throw new InvalidOperationException($"Rule '{name}' ({origin}) needs a Target.");
        try
        {
            return new RuleDeclaration(EventRule.Create(name, pattern, input), target, origin);
        }
        catch (InvalidEventPatternException e)
        {
            throw new InvalidOperationException($"Rule '{name}' ({origin}) has an invalid event pattern: {e.Message}", e);
        }
    }

    /// <summary>
    /// <c>Rules: [{Name, Pattern, Target, Input?, InputPath?, InputPathsMap?, InputTemplate?}]</c>. Pattern is best
    /// written as a JSON string; a nested object is accepted too (values that read as numbers or booleans become them).
    /// </summary>
    private static IEnumerable<RuleDeclaration> ReadConfiguredRules(IConfiguration configuration)
    {
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var origin = $"settings {Section}:{section.Key}";
            var name = section["Name"] ?? "";
            var patternSection = section.GetSection("Pattern");
            var pattern = patternSection.GetChildren().Any() ? Rebuild(patternSection)!.ToJsonString() : patternSection.Value ?? "";
            if (string.IsNullOrWhiteSpace(pattern)) throw new InvalidOperationException($"Rule '{name}' ({origin}) needs a Pattern.");
            TargetInput? input;
            try
            {
                input = ReadInput(section);
            }
            catch (InvalidInputTransformerException e)
            {
                throw new InvalidOperationException($"Rule '{name}' ({origin}) has an invalid target input: {e.Message}", e);
            }
            yield return Declare(name, pattern, section["Target"] ?? "", input, origin);
        }
    }

    private static TargetInput? ReadInput(IConfigurationSection rule)
    {
        var target = new JsonObject();
        if (rule["Input"] is { } constant) target["Input"] = constant;
        if (rule["InputPath"] is { } path) target["InputPath"] = path;
        var map = rule.GetSection("InputPathsMap");
        if (rule["InputTemplate"] is { } template || map.GetChildren().Any())
        {
            var paths = new JsonObject();
            foreach (var entry in map.GetChildren()) paths[entry.Key] = entry.Value;
            target["InputTransformer"] = new JsonObject { ["InputPathsMap"] = paths, ["InputTemplate"] = rule["InputTemplate"] };
        }
        return target.Count == 0 ? null : TargetInput.FromTarget(target);
    }

    /// <summary>Configuration flattens JSON; sections whose keys are 0..n were arrays.</summary>
    private static JsonNode? Rebuild(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            var value = section.Value;
            if (value is null) return null;
            if (value is "true" or "false") return JsonValue.Create(value == "true");
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(value);
        }
        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return new JsonArray(children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(Rebuild).ToArray());
        var obj = new JsonObject();
        foreach (var child in children) obj[child.Key] = Rebuild(child);
        return obj;
    }
}
