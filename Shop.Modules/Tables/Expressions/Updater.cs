using System.Text.Json.Nodes;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.Expressions;

/// <summary>Applies an UpdateExpression's actions: every operand is read from the item as it was before the update, as DynamoDB does.</summary>
internal static class Updater
{
    /// <returns>The new item and the top-level attributes the update touched (for UPDATED_OLD / UPDATED_NEW).</returns>
    public static (JsonObject Item, IReadOnlySet<string> Updated) Apply(JsonObject old, IReadOnlyList<UpdateAction> actions, IReadOnlyCollection<string> keyNames)
    {
        CheckOverlaps(actions);
        var item = (JsonObject)old.DeepClone();
        var updated = new HashSet<string>();
        // Values first, against the old item; then the changes (list removals last, from the highest index, so indexes hold).
        var planned = actions.Select(a => (Action: a, Value: a.Kind == UpdateKind.Set ? Evaluator.Required(a.Value!, old) : (a.Value as ValueOperand)?.Value)).ToList();
        foreach (var (action, value) in planned.OrderBy(p => p.Action.Kind == UpdateKind.Remove ? 1 : 0)
                     .ThenByDescending(p => p.Action.Kind == UpdateKind.Remove && p.Action.Path.Steps[^1] is int i ? i : -1))
        {
            if (keyNames.Contains(action.Path.Top))
                throw TableException.Validation($"One or more parameter values were invalid: Cannot update attribute {action.Path.Top}. This attribute is part of the key");
            updated.Add(action.Path.Top);
            switch (action.Kind)
            {
                case UpdateKind.Set: SetAt(item, action.Path, (JsonObject)value!.DeepClone(), create: false); break;
                case UpdateKind.Remove: RemoveAt(item, action.Path); break;
                case UpdateKind.Add: Add(item, action.Path, value!); break;
                default: Delete(item, action.Path, value!); break;
            }
        }
        return (item, updated);
    }

    private static void CheckOverlaps(IReadOnlyList<UpdateAction> actions)
    {
        var paths = actions.Select(a => a.Path.Steps).ToList();
        for (var i = 0; i < paths.Count; i++)
            for (var j = i + 1; j < paths.Count; j++)
                if (paths[i].Zip(paths[j]).All(p => Equals(p.First, p.Second)))
                    throw TableException.Validation($"Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [{actions[i].Path}], path two: [{actions[j].Path}]");
    }

    /// <summary>Sets the value at the path. With <paramref name="create"/> missing maps and lists on the way are made (projections); otherwise the parent must exist.</summary>
    public static void SetAt(JsonObject item, DocumentPath path, JsonObject value, bool create)
    {
        if (path.Steps.Count == 1) { item[path.Top] = value; return; }
        JsonObject parent;
        if (create)
        {
            parent = item[path.Top] as JsonObject ?? NewContainer(path.Steps[1]);
            item[path.Top] = parent;
            for (var i = 1; i < path.Steps.Count - 1; i++) parent = Child(parent, path.Steps[i], path.Steps[i + 1]);
        }
        else
        {
            parent = Evaluator.Find(item, new DocumentPath(path.Steps.Take(path.Steps.Count - 1).ToList())) ?? throw InvalidPath();
        }
        switch (path.Steps[^1], AttributeValue.TypeOf(parent))
        {
            case (string name, "M"): ((JsonObject)AttributeValue.Inner(parent)!)[name] = value; break;
            case (int index, "L"):
                var list = (JsonArray)AttributeValue.Inner(parent)!;
                if (index < list.Count && !create) list[index] = value;
                else list.Add(value);
                break;
            default: throw InvalidPath();
        }
    }

    private static JsonObject NewContainer(object step) => step is int ? new JsonObject { ["L"] = new JsonArray() } : new JsonObject { ["M"] = new JsonObject() };

    private static JsonObject Child(JsonObject parent, object step, object next)
    {
        if (step is string name && AttributeValue.Inner(parent) is JsonObject map)
        {
            if (map[name] is not JsonObject child) map[name] = child = NewContainer(next);
            return child;
        }
        var list = (JsonArray)AttributeValue.Inner(parent)!;
        var created = NewContainer(next);
        list.Add(created);
        return created;
    }

    private static void RemoveAt(JsonObject item, DocumentPath path)
    {
        if (path.Steps.Count == 1) { item.Remove(path.Top); return; }
        var parent = Evaluator.Find(item, new DocumentPath(path.Steps.Take(path.Steps.Count - 1).ToList()));
        if (parent is null) return;
        switch (path.Steps[^1], AttributeValue.Inner(parent))
        {
            case (string name, JsonObject map): map.Remove(name); break;
            case (int index, JsonArray list) when index < list.Count: list.RemoveAt(index); break;
        }
    }

    private static void Add(JsonObject item, DocumentPath path, JsonObject value)
    {
        if (path.Steps.Count > 1) throw TableException.Validation("Invalid UpdateExpression: ADD can only be used on top-level attributes");
        var type = AttributeValue.TypeOf(value);
        if (type is not ("N" or "SS" or "NS" or "BS"))
            throw TableException.Validation($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: {type}");
        if (item[path.Top] is not JsonObject current) { item[path.Top] = value.DeepClone(); return; }
        if (AttributeValue.TypeOf(current) != type)
            throw TableException.Validation("An operand in the update expression has an incorrect data type");
        item[path.Top] = type == "N"
            ? AttributeValue.OfNumber(AttributeValue.Number(AttributeValue.Inner(current), "") + AttributeValue.Number(AttributeValue.Inner(value), ""))
            : SetOf(type, Members(current).Concat(Members(value).Where(m => !Members(current).Contains(m))));
    }

    private static void Delete(JsonObject item, DocumentPath path, JsonObject value)
    {
        var type = AttributeValue.TypeOf(value);
        if (type is not ("SS" or "NS" or "BS"))
            throw TableException.Validation($"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: {type}");
        if (Evaluator.Find(item, path) is not { } current) return;
        if (AttributeValue.TypeOf(current) != type) throw TableException.Validation("An operand in the update expression has an incorrect data type");
        var left = Members(current).Where(m => !Members(value).Contains(m)).ToList();
        if (left.Count == 0) RemoveAt(item, path);
        else SetAt(item, path, SetOf(type, left), create: false);
    }

    /// <summary>Set members as canonical text (numbers normalised), so "1.0" and "1" are one member.</summary>
    private static List<string> Members(JsonObject set) => ((JsonArray)AttributeValue.Inner(set)!).Select(n => n!.GetValue<string>()).ToList();

    private static JsonObject SetOf(string type, IEnumerable<string> members) =>
        new() { [type] = new JsonArray(members.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()) };

    private static TableException InvalidPath() => TableException.Validation("The document path provided in the update expression is invalid for update");
}
