using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>Typed access to evaluated arguments; a wrong type is States.IntrinsicFailure naming the function and the argument.</summary>
internal static partial class IntrinsicFunctions
{
    private static JsonArray Array(IntrinsicCall call, JsonNode?[] args, int index, AslScope scope) =>
        args[index] as JsonArray ?? throw Failure(scope, call, $"the {Ordinal(index)} argument must be a JSON array, not {Describe(args[index])}");

    private static string Text(IntrinsicCall call, JsonNode?[] args, int index, AslScope scope) =>
        AslJson.TryString(args[index], out var s) ? s : throw Failure(scope, call, $"the {Ordinal(index)} argument must be a string, not {Describe(args[index])}");

    private static double Number(IntrinsicCall call, JsonNode?[] args, int index, AslScope scope) =>
        AslJson.TryNumber(args[index], out var d) ? d : throw Failure(scope, call, $"the {Ordinal(index)} argument must be a number, not {Describe(args[index])}");

    private static long Integer(IntrinsicCall call, JsonNode?[] args, int index, AslScope scope) =>
        AslJson.TryInteger(args[index], out var l) ? l : throw Failure(scope, call, $"the {Ordinal(index)} argument must be an integer, not {Describe(args[index])}");

    private static StepFailedException Failure(AslScope scope, IntrinsicCall call, string what) =>
        scope.Fail(AslErrors.IntrinsicFailure, $"Invalid arguments in {call.Name}: {what}.");

    private static string Describe(JsonNode? node) => AslJson.ToText(node);

    private static string Ordinal(int index) => index switch
    {
        0 => "first",
        1 => "second",
        2 => "third",
        _ => $"#{index + 1}",
    };
}
