using System.Text.Json.Nodes;

namespace Shop.Modules.Workflows;

// The wire shapes of the engine's REST API (/workflows), public for the console, the tests and other modules' clients.

public sealed record StartExecutionRequest(string? Name, JsonNode? Input);

public sealed record TaskSuccessRequest(string? TaskToken, JsonNode? Output);

public sealed record TaskFailureRequest(string? TaskToken, string? Error, string? Cause);

public sealed record TaskHeartbeatRequest(string? TaskToken);

public sealed record StopExecutionRequest(string? Error, string? Cause);

public sealed record WorkflowInfo(string Name, string StartAt, string? Comment, int? TimeoutSeconds, IReadOnlyList<StateInfo> States);

public sealed record StateInfo(string Name, string Type, string? Next, bool End, IReadOnlyDictionary<string, string> Transitions,
    int? HeartbeatSeconds, int? TimeoutSeconds, IReadOnlyList<WorkflowInfo>? Branches);

/// <summary>A page of an execution's history; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, long? Next);
