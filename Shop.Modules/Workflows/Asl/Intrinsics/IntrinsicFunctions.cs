using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>Step Functions' intrinsic functions (States.Format, States.Array..., States.Hash, ...), evaluated over an <see cref="AslScope"/>.</summary>
internal static partial class IntrinsicFunctions
{
    /// <summary>Name → (least, most) arguments; -1 = any number.</summary>
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, -1),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, -1),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    };

    public static IReadOnlyCollection<string> Known => Arity.Keys;

    public static void CheckArity(IntrinsicCall call, string text)
    {
        var (min, max) = Arity[call.Name];
        if (call.Args.Count < min || (max >= 0 && call.Args.Count > max))
        {
            var expected = max < 0 ? $"at least {min}" : min == max ? $"{min}" : $"{min} to {max}";
            throw new FormatException($"The intrinsic function '{text}' is invalid: {call.Name} takes {expected} argument(s), not {call.Args.Count}.");
        }
        foreach (var arg in call.Args.OfType<IntrinsicCall>()) CheckArity(arg, text);
    }

    public static JsonNode? Evaluate(IntrinsicCall call, AslScope scope, string field)
    {
        var args = call.Args.Select(a => Argument(a, scope, field)).ToArray();
        return call.Name switch
        {
            "States.Format" => Format(call, args, scope),
            "States.StringToJson" => StringToJson(Text(call, args, 0, scope), scope),
            "States.JsonToString" => JsonValue.Create(AslJson.ToText(args[0])),
            "States.Array" => new JsonArray(args.Select(AslJson.Clone).ToArray()),
            "States.ArrayPartition" => ArrayPartition(call, args, scope),
            "States.ArrayContains" => JsonValue.Create(Array(call, args, 0, scope).Any(item => JsonNode.DeepEquals(item, args[1]))),
            "States.ArrayRange" => ArrayRange(call, args, scope),
            "States.ArrayGetItem" => ArrayGetItem(call, args, scope),
            "States.ArrayLength" => JsonValue.Create(Array(call, args, 0, scope).Count),
            "States.ArrayUnique" => ArrayUnique(call, args, scope),
            "States.Base64Encode" => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(call, args, 0, scope)))),
            "States.Base64Decode" => Base64Decode(call, args, scope),
            "States.Hash" => Hash(call, args, scope),
            "States.JsonMerge" => JsonMerge(call, args, scope),
            "States.MathRandom" => MathRandom(call, args, scope),
            "States.MathAdd" => AslJson.Number(JavaRound(Number(call, args, 0, scope)) + JavaRound(Number(call, args, 1, scope))),
            "States.StringSplit" => StringSplit(call, args, scope),
            "States.UUID" => JsonValue.Create(Guid.NewGuid().ToString()),
            _ => throw scope.Fail(AslErrors.IntrinsicFailure, $"The function {call.Name} is not supported."),
        };
    }

    private static JsonNode? Argument(IntrinsicArg arg, AslScope scope, string field) => arg switch
    {
        IntrinsicLiteral literal => AslJson.Clone(literal.Value),
        IntrinsicPath path => scope.TryRead(path.Path, out var value)
            ? AslJson.Clone(value)
            : throw scope.Runtime($"The JSONPath '{path.Path.Text}' specified for the field '{field}' could not be found in the input '{AslJson.ToText(path.Path.IsContext ? scope.Context : scope.Input)}'"),
        IntrinsicCall call => Evaluate(call, scope, field),
        _ => null,
    };

    private static JsonValue Format(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        if (call.Args[0] is not IntrinsicLiteral { Raw: { } template })
            throw Failure(scope, call, "the first argument must be a string literal");
        var result = new StringBuilder();
        var next = 1;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && i + 1 < template.Length)
            {
                result.Append(template[++i]);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (next >= args.Length) throw Failure(scope, call, "the number of arguments does not match the number of {} placeholders");
                result.Append(AslJson.JavaText(args[next++]));
                i++;
            }
            else
            {
                result.Append(c);
            }
        }
        if (next != args.Length) throw Failure(scope, call, "the number of arguments does not match the number of {} placeholders");
        return JsonValue.Create(result.ToString());
    }

    private static JsonNode? StringToJson(string text, AslScope scope)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw scope.Fail(AslErrors.IntrinsicFailure, $"The input '{text}' to States.StringToJson is not valid JSON: {ex.Message}");
        }
    }

    private static JsonArray ArrayPartition(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var array = Array(call, args, 0, scope);
        var size = Integer(call, args, 1, scope);
        if (size <= 0) throw Failure(scope, call, "the chunk size must be more than 0");
        var chunks = new JsonArray();
        for (var i = 0; i < array.Count; i += (int)size)
            chunks.Add(new JsonArray(array.Skip(i).Take((int)size).Select(AslJson.Clone).ToArray()));
        return chunks;
    }

    private static JsonArray ArrayRange(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var (start, end, step) = (Integer(call, args, 0, scope), Integer(call, args, 1, scope), Integer(call, args, 2, scope));
        if (step == 0) throw Failure(scope, call, "the step must not be 0");
        var result = new JsonArray();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            if (result.Count == 1000) throw Failure(scope, call, "the range has more than 1000 elements");
            result.Add(JsonValue.Create(i));
        }
        return result;
    }

    private static JsonNode? ArrayGetItem(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var array = Array(call, args, 0, scope);
        var index = Integer(call, args, 1, scope);
        if (index < 0 || index >= array.Count) throw Failure(scope, call, $"the index {index} is out of bounds for an array of {array.Count}");
        return AslJson.Clone(array[(int)index]);
    }

    private static JsonArray ArrayUnique(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var unique = new List<JsonNode?>();
        foreach (var item in Array(call, args, 0, scope))
            if (!unique.Any(u => JsonNode.DeepEquals(u, item))) unique.Add(item);
        return new JsonArray(unique.Select(AslJson.Clone).ToArray());
    }

    private static JsonValue Base64Decode(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(Text(call, args, 0, scope))));
        }
        catch (FormatException)
        {
            throw Failure(scope, call, "the argument is not valid Base64");
        }
    }

    private static JsonValue Hash(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var data = Encoding.UTF8.GetBytes(args[0] is JsonValue v && AslJson.TryString(v, out var s) ? s : AslJson.ToText(args[0]));
        var algorithm = Text(call, args, 1, scope);
        byte[] hash = algorithm switch
        {
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are what the ASL function offers, not our security.
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
#pragma warning restore CA5350, CA5351
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            _ => throw Failure(scope, call, $"'{algorithm}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
        };
        return JsonValue.Create(Convert.ToHexStringLower(hash));
    }

    private static JsonObject JsonMerge(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        if (args[0] is not JsonObject left || args[1] is not JsonObject right) throw Failure(scope, call, "both values to merge must be JSON objects");
        if (!AslJson.TryBool(args[2], out var deep)) throw Failure(scope, call, "the third argument must be a boolean");
        if (deep) throw Failure(scope, call, "only a shallow merge (false) is supported");
        var merged = (JsonObject)left.DeepClone();
        foreach (var (key, value) in right) merged[key] = AslJson.Clone(value);
        return merged;
    }

    private static JsonValue MathRandom(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var start = (long)JavaRound(Number(call, args, 0, scope));
        var end = (long)JavaRound(Number(call, args, 1, scope));
        if (end <= start) throw Failure(scope, call, "the end must be more than the start");
        var random = args.Length > 2 ? new Random((int)Integer(call, args, 2, scope)) : Random.Shared;
        return JsonValue.Create(random.NextInt64(start, end));
    }

    private static JsonArray StringSplit(IntrinsicCall call, JsonNode?[] args, AslScope scope)
    {
        var text = Text(call, args, 0, scope);
        var delimiters = Text(call, args, 1, scope).ToCharArray();
        if (delimiters.Length == 0) return [JsonValue.Create(text)];
        var parts = text.Split(delimiters, StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray(parts.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
    }

    /// <summary>Java's Math.round: half up, toward positive infinity (-1.5 → -1).</summary>
    private static double JavaRound(double value) => Math.Floor(value + 0.5);
}
