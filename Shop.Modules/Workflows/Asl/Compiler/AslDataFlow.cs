using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>InputPath, OutputPath and ResultPath as Step Functions applies them (JSONPath flavour).</summary>
internal static class AslDataFlow
{
    /// <summary>
    /// InputPath / OutputPath: absent keeps the data, null gives {}, a path selects (a path that matches nothing is
    /// States.Runtime "Invalid path ... : No results for path ...").
    /// </summary>
    public static Func<AslScope, JsonNode?>? Select((bool Present, AslPath? Path) field)
    {
        if (!field.Present) return null;
        if (field.Path is not { } path) return _ => new JsonObject();
        return scope =>
        {
            try
            {
                return scope.Read(path)?.DeepClone();
            }
            catch (PathNotFoundException ex)
            {
                throw scope.Runtime($"Invalid path '{path.Text}' : {ex.Message}");
            }
        };
    }

    /// <summary>
    /// ResultPath: absent or "$" is the result, null the raw input, a reference path puts the result into a copy
    /// of the input (creating objects on the way); a step through something that is not an object is
    /// States.ResultPathMatchFailure.
    /// </summary>
    public static Func<JsonNode?, JsonNode?, JsonNode?> ResultPath((bool Present, AslPath? Path) field, string state)
    {
        if (!field.Present) return (_, result) => result?.DeepClone();
        if (field.Path is not { } path) return (input, _) => input?.DeepClone();
        if (path.Segments.Count == 0) return (_, result) => result?.DeepClone();
        return (input, result) => Place(path, state, input, result);
    }

    private static JsonNode? Place(AslPath path, string state, JsonNode? input, JsonNode? result)
    {
        var root = input?.DeepClone();
        JsonNode? node = root;
        var segments = path.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            switch (segments[i], node)
            {
                case (NameSegment name, JsonObject o):
                    var key = name.Names[0];
                    if (last)
                    {
                        o[key] = result?.DeepClone();
                        return root;
                    }
                    if (!o.TryGetPropertyValue(key, out var child) || child is null)
                    {
                        child = new JsonObject();
                        o[key] = child;
                    }
                    node = child;
                    break;
                case (IndexSegment index, JsonArray a) when index.Indexes[0] >= 0 && index.Indexes[0] < a.Count:
                    if (last)
                    {
                        a[index.Indexes[0]] = result?.DeepClone();
                        return root;
                    }
                    node = a[index.Indexes[0]];
                    break;
                default:
                    throw new StepFailedException(AslErrors.ResultPathMatchFailure,
                        $"An error occurred while executing the state '{state}'. Unable to apply ResultPath \"{path.Text}\" to input \"{AslJson.ToText(input)}\"");
            }
        }
        return root;
    }
}
