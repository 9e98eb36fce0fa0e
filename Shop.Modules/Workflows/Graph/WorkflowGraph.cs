using System.Text;
using System.Text.RegularExpressions;
using Shop.Modules.Workflows.Data;
using Stateless.Graph;

namespace Shop.Modules.Workflows;

/// <summary>An execution drawn by Stateless (Mermaid), with the states it visited, is in, or failed in, styled.</summary>
internal static partial class WorkflowGraph
{
    /// <param name="children">The execution's Map iterations and Parallel branches, counted by status beside their state.</param>
    public static string Render(WorkflowDefinition definition, ExecutionRow? execution, IReadOnlyCollection<string> visited,
        IReadOnlyCollection<ChildExecution>? children = null)
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

        mermaid = RenameUnclassable(mermaid, ids);

        var failed = execution is { Status: ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted } ? execution.FailedState ?? execution.CurrentState : null;
        var current = execution is { Status: ExecutionStatus.Running } ? execution.CurrentState : null;
        var graph = new StringBuilder(mermaid.TrimEnd()).AppendLine();
        // What a Map runs per item and a Parallel per branch, as a note beside the state, with how its children fared.
        // No ':' after the note's own: Mermaid then draws an error instead of the diagram.
        foreach (var s in definition.States)
        {
            if (!ids.TryGetValue(s.Name, out var id)) continue;
                        if (s.Iterator is { } iterator)
                graph.AppendLine($"\tnote right of {id} : Map iterator - {Path(iterator)}{Runs(children, s.Name, "iterations")}");
            else if (s.BranchList.Count > 0)
                graph.AppendLine($"\tnote right of {id} : Parallel branches - {string.Join(" / ", s.BranchList.Select(Path))}{Runs(children, s.Name, "branches")}");
        }
        graph.AppendLine("\tclassDef visited fill:#d7f0dd,stroke:#2e7d32");
        graph.AppendLine("\tclassDef current fill:#fff3bf,stroke:#f08c00,stroke-width:3px");
        graph.AppendLine("\tclassDef failed fill:#ffd6d6,stroke:#c92a2a,stroke-width:3px");
        var plain = visited.Where(s => s != current && s != failed && ids.ContainsKey(s)).Select(s => ids[s]).ToArray();
        if (plain.Length > 0) graph.AppendLine($"\tclass {string.Join(",", plain)} visited");
        if (current is not null && ids.TryGetValue(current, out var currentId)) graph.AppendLine($"\tclass {currentId} current");
        if (failed is not null && ids.TryGetValue(failed, out var failedId)) graph.AppendLine($"\tclass {failedId} failed");
        return graph.ToString();
    }

    /// <summary>" (4 iterations = 1 FAILED + 3 SUCCEEDED)" for the state's latest round; empty when it ran none.</summary>
    private static string Runs(IReadOnlyCollection<ChildExecution>? children, string state, string noun)
    {
        var ofState = children?.Where(c => c.State == state).ToList() ?? [];
        if (ofState.Count == 0) return "";
        // A retried or redriven state ran again: count its latest round only (its children started last).
        var latest = ofState.GroupBy(c => c.Index).Select(g => g.MaxBy(c => c.StartDate)!).ToList();
        var statuses = latest.GroupBy(c => c.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return $" ({latest.Count} {noun} = {string.Join(" + ", statuses)})";
    }

    private static string Path(WorkflowDefinition child) =>
        string.Join(" → ", child.States.Select(s => NoteText().Replace(s.Name, " ")));

    /// <summary>
    /// Mermaid's <c>class</c> statement reads ids of word characters only: with "Payment Successful?" in the list,
    /// it styled nothing after it. Such ids get a safe one (the state keeps its name as label); <paramref name="ids"/> follows.
    /// </summary>
    private static string RenameUnclassable(string mermaid, Dictionary<string, string> ids)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = ids.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, id) in ids.ToArray())
        {
            if (!NonWord().IsMatch(id)) continue;
            var safe = NonWord().Replace(id, "_");
            while (!taken.Add(safe)) safe += "_";
            renamed[id] = safe;
            ids[name] = safe;
        }
        if (renamed.Count == 0) return mermaid;

        string Rename(string id) => renamed.GetValueOrDefault(id, id);
        var aliased = new HashSet<string>(StringComparer.Ordinal);
        var lines = mermaid.Split('\n').Select(line =>
        {
            if (TransitionLine().Match(line) is { Success: true } t)
                return $"{t.Groups[1].Value}{Rename(t.Groups[2].Value)} --> {Rename(t.Groups[3].Value)}{t.Groups[4].Value}";
            if (AliasLine().Match(line) is { Success: true } a)
            {
                aliased.Add(a.Groups[2].Value);
                return $"{a.Groups[1].Value}{Rename(a.Groups[2].Value)} : {a.Groups[3].Value}";
            }
            return line;
        }).ToList();
        // A state Stateless named by its name alone ("Delivered?") needs a label now that its id changed.
        var labels = renamed.Where(r => !aliased.Contains(r.Key)).Select(r => $"\t{r.Value} : {r.Key}");
        lines.InsertRange(1, labels);
        return string.Join('\n', lines);
    }

    [GeneratedRegex("[:;#\\n\\r]")]
    private static partial Regex NoteText();

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^(\s*)(\S+) --> (\S+)(.*)$")]
    private static partial Regex TransitionLine();

    [GeneratedRegex(@"^(\s*)(\S+) : (.*)$")]
    private static partial Regex AliasLine();
}
