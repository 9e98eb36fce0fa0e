using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.Kernel.Rules.List;

internal sealed record ListRules : IRequest<JsonObject[]>;

internal sealed class ListRulesHandler(RuleRegistry registry) : IRequestHandler<ListRules, JsonObject[]>
{
    public ValueTask<JsonObject[]> Handle(ListRules request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(registry.Rules.Select(Describe).ToArray());

    private static JsonObject Describe(RuleDeclaration declaration) => new()
    {
        ["name"] = declaration.Rule.Name,
        ["pattern"] = JsonNode.Parse(declaration.Rule.Pattern.Json),
        ["target"] = declaration.Target,
        ["input"] = (declaration.Rule.Input ?? TargetInput.WholeEvent).ToTarget(),
        ["origin"] = declaration.Origin,
    };
}
