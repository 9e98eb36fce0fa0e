using System.Text;
using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Definitions;

/// <summary>A definition as a Mermaid state diagram: edges named by events, all-of states as concurrent regions.</summary>
internal static class ChoreographyGraph
{
    public static string Render(ChoreographyDefinition definition)
    {
        var graph = new StringBuilder("stateDiagram-v2\n");
        graph.Append("\t[*] --> ").Append(Id(definition.StartState)).Append(" : start\n");
        foreach (var state in definition.States)
        {
            var id = Id(state.Name);
            if (id != state.Name) graph.Append("\tstate \"").Append(state.Name).Append("\" as ").Append(id).Append('\n');
            switch (state.Kind)
            {
                case ChoreographyStateKind.Wait:
                    foreach (var t in state.Transitions)
                        graph.Append('\t').Append(id).Append(" --> ").Append(Id(t.Target)).Append(" : ").Append(t.Label).Append('\n');
                    break;
                case ChoreographyStateKind.AllOf:
                    graph.Append("\tstate ").Append(id).Append(" {\n");
                    for (var i = 0; i < state.Events.Count; i++)
                    {
                        if (i > 0) graph.Append("\t\t--\n");
                        var region = $"{id}_{i}";
                        graph.Append("\t\tstate \"").Append(state.Events[i]).Append("\" as ").Append(region).Append('\n');
                        graph.Append("\t\t[*] --> ").Append(region).Append('\n');
                        graph.Append("\t\t").Append(region).Append(" --> [*]\n");
                    }
                    graph.Append("\t}\n");
                    graph.Append('\t').Append(id).Append(" --> ").Append(Id(state.Next!)).Append(" : all arrived\n");
                    break;
                default:
                    graph.Append('\t').Append(id).Append(" --> [*]\n");
                    break;
            }
        }
        return graph.ToString();
    }

    private static string Id(string name) => new([.. name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_')]);
}
