using System.Text.Json.Nodes;
using Mediator;

namespace Shop.Modules.Choreography.Contracts;

/// <summary>Every registered choreography with its Mermaid graph (the admin console's list).</summary>
public sealed record ListChoreographies : IRequest<IReadOnlyList<ChoreographyInfo>>;

public sealed record ChoreographyInfo(string Name, string Workflow, string? Comment, JsonNode StartPattern, IReadOnlyList<JsonNode> EventPatterns,
    string EntityIdPath, IReadOnlyList<string> States, string Graph);

/// <summary>The newest monitored runs of a choreography (at most 100).</summary>
public sealed record ListChoreographyRuns(string Choreography) : IRequest<IReadOnlyList<ChoreographyRunInfo>>;

/// <param name="Status">RUNNING, SUCCEEDED, FAILED (an unexpected transition) or STOPPED.</param>
public sealed record ChoreographyRunInfo(string Choreography, string EntityId, string ExecutionId, string Status, string State, int Events,
    string? DivergedState, string? DivergedEventId, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Starts a simulation from <c>{"events": [{source, detailType, detail, wait}]}</c> or <c>{"seed": "name"}</c>
/// (a file of <c>seed/simulations</c>); 400 (InvalidInputException) names the offending field.
/// </summary>
public sealed record StartSimulation(JsonNode? Body) : IRequest<SimulationInfo>;

public sealed record DescribeSimulation(string SimulationId) : IRequest<SimulationInfo>;

/// <summary>The newest 20 simulations.</summary>
public sealed record ListSimulations : IRequest<IReadOnlyList<SimulationInfo>>;

/// <summary>Names of the simulation files in <c>seed/simulations</c> (without .json).</summary>
public sealed record ListSimulationSeeds : IRequest<IReadOnlyList<string>>;

/// <param name="Status">RUNNING, SUCCEEDED or FAILED.</param>
public sealed record SimulationInfo(string SimulationId, string Name, string Status, int Published, int Total, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Runs stored events through a choreography's definition, in memory: <c>{"from", "to"}</c> and/or <c>{"entityId"}</c>.</summary>
public sealed record ReplayChoreography(string Name, JsonNode? Body) : IRequest<ReplayReport>;

public sealed record ReplayReport(string Choreography, DateTimeOffset? From, DateTimeOffset? To, string? EntityId, int Events,
    int Conforming, int Diverging, IReadOnlyList<ReplayedEntity> Entities);

/// <param name="State">Where the run is (or ended, or diverged).</param>
/// <param name="Completed">It reached an end state.</param>
public sealed record ReplayedEntity(string EntityId, bool Conforms, bool Completed, string? State, int Events, ReplayDivergence? Divergence);

/// <param name="State">The state the run was in; null when the entity's first event was not a start event.</param>
public sealed record ReplayDivergence(string? State, string EventId, string DetailType, DateTimeOffset Time, string Reason);
