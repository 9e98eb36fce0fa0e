using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;

namespace Shop.Modules.Kernel.Rules.TestPattern;

/// <param name="Body"><c>{pattern, event, Input?, InputPath?, InputTransformer?, inputPathsMap?, inputTemplate?}</c>; pattern and event may be objects or JSON strings.</param>
internal sealed record TestEventPattern(JsonObject Body) : IRequest<JsonObject>;

internal sealed class TestEventPatternHandler : IRequestHandler<TestEventPattern, JsonObject>
{
    public ValueTask<JsonObject> Handle(TestEventPattern request, CancellationToken cancellationToken)
    {
        var root = request.Body;
        var pattern = root["pattern"] switch
        {
            JsonObject o => EventPattern.Parse(o),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => EventPattern.Parse(v.GetValue<string>()),
            null => throw new InvalidInputException("pattern", "'pattern' is required: an event pattern object (or a string holding one)."),
            _ => throw new InvalidInputException("pattern", "'pattern' must be an event pattern object (or a string holding one)."),
        };
        var evt = root["event"] switch
        {
            JsonObject o => o,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseEvent(v.GetValue<string>()),
            null => throw new InvalidInputException("event", "'event' is required: the event as EventBridge delivers it (source, detail-type, detail, ...)."),
            _ => throw new InvalidInputException("event", "'event' must be a JSON object (or a string holding one)."),
        };
        var result = new JsonObject { ["matches"] = pattern.Matches(evt) };
        var target = new JsonObject();
        foreach (var key in (string[])["Input", "InputPath", "InputTransformer"])
            if (root[key] is { } part) target[key] = part.DeepClone();
        if (root["inputTemplate"] is { } template)
            target["InputTransformer"] = new JsonObject { ["InputPathsMap"] = root["inputPathsMap"]?.DeepClone() ?? new JsonObject(), ["InputTemplate"] = template.DeepClone() };
        // Built (and so checked) whether or not the event matches.
        var input = target.Count > 0 ? TargetInput.FromTarget(target) : null;
        if (input is not null && (bool)result["matches"]!) result["input"] = input.Apply(evt);
        return ValueTask.FromResult(result);
    }

    private static JsonObject ParseEvent(string text) =>
        JsonBody.Parse(text, "event") as JsonObject ?? throw new InvalidInputException("event", "'event' must hold a JSON object.");
}
