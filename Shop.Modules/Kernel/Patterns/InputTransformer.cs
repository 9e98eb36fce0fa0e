using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Json;

// The input transformer: its paths, its predefined names and how a template is rendered; reading the template is InputTransformer.Template.cs.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>
/// EventBridge's input transformer: <see cref="InputPathsMap"/> names parts of the event by JSONPath
/// (<c>{"detail": "$.detail"}</c>) and <see cref="InputTemplate"/> places them with <c>&lt;name&gt;</c>
/// (<c>{"Input": &lt;detail&gt;}</c>). A placeholder outside quotes is replaced by the value as JSON; inside a
/// JSON string by its text (a string without quotes, anything else as its JSON), escaped so the result stays
/// valid. A path missing from the event gives <c>null</c> outside quotes and an empty text inside.
/// Predefined: <c>&lt;aws.events.rule-name&gt;</c>, <c>&lt;aws.events.rule-arn&gt;</c>, <c>&lt;aws.events.event&gt;</c>,
/// <c>&lt;aws.events.event.json&gt;</c> (the whole event) and <c>&lt;aws.events.event.ingestion-time&gt;</c> (its time).
/// </summary>
public sealed partial class InputTransformer : TargetInput
{
    private const string RuleName = "aws.events.rule-name";
    private const string RuleArn = "aws.events.rule-arn";
    private const string Event = "aws.events.event";
    private const string EventJson = "aws.events.event.json";
    private const string IngestionTime = "aws.events.event.ingestion-time";
    private static readonly string[] Predefined = [RuleName, RuleArn, Event, EventJson, IngestionTime];

    private readonly Dictionary<string, JsonPath> paths = new(StringComparer.Ordinal);
    private readonly List<object> parts = []; // literal strings and placeholders, in template order

    public InputTransformer(IReadOnlyDictionary<string, string> inputPathsMap, string inputTemplate)
    {
        InputPathsMap = inputPathsMap;
        InputTemplate = inputTemplate;
        foreach (var (name, path) in inputPathsMap)
        {
            var field = $"InputPathsMap.{name}";
            // No dots: that keeps the predefined aws.events.* names out of reach.
            if (name.Length == 0 || !name.All(IsNameChar)) throw Error(field, "a name may only contain letters, digits, _ and -");
            paths[name] = ReadPath(path, field);
        }
        if (string.IsNullOrWhiteSpace(inputTemplate)) throw Error("InputTemplate", "must not be empty");
        ParseTemplate(inputTemplate);

        // Substituting the blandest values proves every rendering is JSON: real values are whole JSON values
        // outside quotes and escaped text inside.
        try
        {
            JsonNode.Parse(Render(_ => (false, null)));
        }
        catch (JsonException e)
        {
            throw Error("InputTemplate", $"does not produce valid JSON: {e.Message}");
        }
    }

    public IReadOnlyDictionary<string, string> InputPathsMap { get; }

    public string InputTemplate { get; }

    public override JsonObject ToTarget()
    {
        var map = new JsonObject();
        foreach (var (name, path) in InputPathsMap) map[name] = path;
        return new JsonObject
        {
            ["InputTransformer"] = new JsonObject { [nameof(InputPathsMap)] = map, [nameof(InputTemplate)] = InputTemplate },
        };
    }

    public override JsonNode? Apply(JsonNode evt, string ruleName = "") =>
        JsonNode.Parse(Render(name => Resolve(name, evt, ruleName)));

    private (bool Found, JsonNode? Value) Resolve(string name, JsonNode evt, string ruleName)
    {
        switch (name)
        {
            case RuleName: return (true, JsonValue.Create(ruleName));
            case RuleArn: return (true, JsonValue.Create($"arn:aws:events:{EventEnvelope.LocalRegion}:{EventEnvelope.LocalAccount}:rule/{ruleName}"));
            case Event or EventJson: return (true, evt);
            case IngestionTime: return evt is JsonObject o && o.TryGetPropertyValue("time", out var time) ? (true, time) : (false, null);
            default: return paths[name].TrySelect(evt, out var value) ? (true, value) : (false, null);
        }
    }

    private string Render(Func<string, (bool Found, JsonNode? Value)> resolve)
    {
        var text = new StringBuilder(InputTemplate.Length * 2);
        foreach (var part in parts)
        {
            if (part is string literal)
            {
                text.Append(literal);
                continue;
            }
            var placeholder = (Placeholder)part;
            var (found, value) = resolve(placeholder.Name);
            if (!placeholder.InString) text.Append(found ? value?.ToJsonString() ?? "null" : "null");
            else if (found)
            {
                text.Append(JsonEncodedText.Encode(JsonText.Of(value), JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value);
            }
        }
        return text.ToString();
    }
}
