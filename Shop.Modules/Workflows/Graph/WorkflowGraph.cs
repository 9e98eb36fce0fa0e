using System.Text;
using Shop.Modules.Workflows.Data;
using Stateless.Graph;

namespace Shop.Modules.Workflows;

/// <summary>An execution drawn by Stateless (Mermaid), with the states it visited, is in, or failed in, styled.</summary>
internal static class WorkflowGraph
{
    public static string Render(WorkflowDefinition definition, ExecutionRow? execution, IReadOnlyCollection<string> visited)
    {
        var state = definition.StartAt;
        var mermaid = MermaidGraph.Format(definition.CreateMachine(() => state, s => state = s).GetInfo());

        // Stateless gives states with spaces an alias ("\tReserveItem : Reserve Item"); classes must name the alias.
        var ids = definition.States.ToDictionary(s => s.Name, s => s.Name);
        foreach (var line in mermaid.Split('\n'))
        {
            var text = line.Trim();
            var colon = text.IndexOf(" : ", StringComparison.Ordinal);
            if (colon > 0 && !text.Contains("-->", StringComparison.Ordinal) && ids.ContainsKey(text[(colon + 3)..]))
                ids[text[(colon + 3)..]] = text[..colon];
        }

        var failed = execution is { Status: ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted } ? execution.FailedState ?? execution.CurrentState : null;
        var current = execution is { Status: ExecutionStatus.Running } ? execution.CurrentState : null;
        var graph = new StringBuilder(mermaid.TrimEnd()).AppendLine();
        graph.AppendLine("\tclassDef visited fill:#d7f0dd,stroke:#2e7d32");
        graph.AppendLine("\tclassDef current fill:#fff3bf,stroke:#f08c00,stroke-width:3px");
        graph.AppendLine("\tclassDef failed fill:#ffd6d6,stroke:#c92a2a,stroke-width:3px");
        var plain = visited.Where(s => s != current && s != failed && ids.ContainsKey(s)).Select(s => ids[s]).ToArray();
        if (plain.Length > 0) graph.AppendLine($"\tclass {string.Join(",", plain)} visited");
        if (current is not null && ids.TryGetValue(current, out var currentId)) graph.AppendLine($"\tclass {currentId} current");
        if (failed is not null && ids.TryGetValue(failed, out var failedId)) graph.AppendLine($"\tclass {failedId} failed");
        return graph.ToString();
    }
}
