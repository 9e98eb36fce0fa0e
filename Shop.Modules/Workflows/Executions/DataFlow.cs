using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

/// <summary>
/// Applies a state's <see cref="StateDataFlow"/> in Step Functions' order. Without one (C# states) the input is the
/// state input and the result goes to the string ResultPath, a null result letting the input pass on.
/// </summary>
internal static class DataFlow
{
    /// <summary>InputPath.</summary>
    public static JsonNode Input(StateDefinition state, JsonNode raw, StateContext context) =>
        state.Flow?.InputPath is { } inputPath ? inputPath(raw, context) : raw;

    /// <summary>InputPath, then Parameters.</summary>
    public static JsonNode Effective(StateDefinition state, JsonNode raw, StateContext context)
    {
        var input = Input(state, raw, context);
        return state.Flow?.Parameters is { } parameters ? parameters(input, context) : input;
    }

    /// <summary>OutputPath alone (Choice, Wait, Succeed pass their effective input on).</summary>
    public static JsonNode PassOn(StateDefinition state, JsonNode effective, StateContext context) =>
        state.Flow?.OutputPath is { } outputPath ? outputPath(effective, context) : effective;

    /// <summary>
    /// ResultSelector, ResultPath, OutputPath. <paramref name="hasResult"/> false is C#'s "null result: the input passes on".
    /// </summary>
    public static JsonNode Output(StateDefinition state, JsonNode raw, JsonNode? result, bool hasResult, StateContext context)
    {
        var output = raw;
        if (hasResult)
        {
            if (state.Flow?.ResultSelector is { } selector) result = selector(result!, context);
            output = state.Flow switch
            {
                { ResultPath: { } resultPath } => resultPath(raw, result),
                // JSON null is a result like any other in ASL; JsonPath.Merge would make it {}.
                not null when state.ResultPath == "$" => JsonPath.Clone(result)!,
                _ => JsonPath.Merge(raw, result, state.ResultPath),
            };
        }
        return PassOn(state, output, context);
    }

    /// <summary>A Task's result: a null result is JSON null for ASL states, "no result" for C# ones.</summary>
    public static bool HasResult(StateDefinition state, JsonNode? result) => result is not null || state.NullResultIsNull;

    /// <summary>Pass: Result (if set, else the effective input) is the result; C# Pass states without Result let the input pass on.</summary>
    public static JsonNode PassOutput(StateDefinition state, JsonNode raw, StateContext context)
    {
        var effective = Effective(state, raw, context);
        var hasResult = state.Result is not null || state.Flow is not null;
        return Output(state, raw, JsonPath.Clone(state.Result) ?? effective, hasResult, context);
    }

    public static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
