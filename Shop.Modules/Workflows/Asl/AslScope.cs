using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// What a path, template or intrinsic reads while one state runs: <c>$</c> (the data it is applied to), <c>$$</c>
/// (the context object, built only when asked for) and where errors are reported.
/// </summary>
internal sealed class AslScope(JsonNode? input, Func<JsonNode?> context, string state, long enteredEventId)
{
    private JsonNode? _context;
    private bool _built;

    public JsonNode? Input { get; } = input;

    public string State { get; } = state;

    public long EnteredEventId { get; } = enteredEventId;

    public JsonNode? Context
    {
        get
        {
            if (!_built)
            {
                _context = context();
                _built = true;
            }
            return _context;
        }
    }

    /// <summary>The same state and context over other data (e.g. a Parameters template applied to a result).</summary>
    public AslScope With(JsonNode? data) => new(data, () => Context, State, EnteredEventId);

    /// <summary>Evaluates <paramref name="path"/> against <c>$</c> or <c>$$</c>.</summary>
    public JsonNode? Read(AslPath path) => path.Evaluate(path.IsContext ? Context : Input);

    public bool TryRead(AslPath path, out JsonNode? value) => path.TryEvaluate(path.IsContext ? Context : Input, out value);

    /// <summary>States.Runtime with AWS's prefix: "An error occurred while executing the state 'X' (entered at the event id #N). ..."</summary>
    public StepFailedException Runtime(string message) => Fail(AslErrors.Runtime, message);

    public StepFailedException Fail(string error, string message) =>
        new(error, $"An error occurred while executing the state '{State}' (entered at the event id #{EnteredEventId}). {message}");
}

/// <summary>The predefined error names the ASL interpreter raises itself.</summary>
internal static class AslErrors
{
    public const string Runtime = "States.Runtime";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string Timeout = "States.Timeout";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string TaskFailed = "States.TaskFailed";
    public const string All = "States.ALL";
}
