using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Patterns;
using Shop.Modules.Kernel.Rules.Data;

// The targets of a rule: list, put (validated inputs, retry policy, dead-letter list), remove.
namespace Shop.Modules.Kernel.Rules;

public sealed partial class EventRules
{
    public async Task<IReadOnlyList<RuleTargetInfo>> ListTargetsAsync(string bus, string rule, CancellationToken cancellationToken = default)
    {
        if (DeclaredOn(bus).FirstOrDefault(r => r.Rule.Name == rule) is { } declared)
            return [new RuleTargetInfo(declared.Target, declared.Target, null, declared.Rule.Input?.ToTarget() is { Count: > 0 } input ? input : null)];
        await DescribeRuleAsync(bus, rule, cancellationToken);
        var rows = await _db.Targets.AsNoTracking().Where(t => t.Bus == bus && t.Rule == rule).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        return rows.Select(t => new RuleTargetInfo(t.Id, t.Arn, t.RoleArn, t.InputJson is null ? null : JsonNode.Parse(t.InputJson)!.AsObject(),
            t.MaxRetryAttempts is null && t.MaxEventAgeSeconds is null ? null : new TargetRetryPolicy(t.MaxRetryAttempts, t.MaxEventAgeSeconds),
            t.DeadLetterArn)).ToList();
    }

    /// <summary>Adds or replaces targets by id. A target the shop cannot invoke is a failed entry; a bad input transformer refuses the call.</summary>
    /// <exception cref="InvalidInputTransformerException">A target's Input, InputPath or InputTransformer is not valid.</exception>
    public Task<IReadOnlyList<RuleTargetFailure>> PutTargetsAsync(string bus, string rule, IReadOnlyList<RuleTargetInfo> targets,
        CancellationToken cancellationToken = default)
    {
        RefuseManaged(bus, rule);
        foreach (var target in targets)
            if (target.Input is { Count: > 0 } input) TargetInput.FromTarget(input);
        return Write<IReadOnlyList<RuleTargetFailure>>(async ct =>
        {
            await DescribeRuleAsync(bus, rule, ct);
            var existing = await _db.Targets.Where(t => t.Bus == bus && t.Rule == rule).ToListAsync(ct);
            var failures = new List<RuleTargetFailure>();
            var position = existing.Count == 0 ? 0 : existing.Max(t => t.Position) + 1;
            foreach (var target in targets)
            {
                if (!EventBuses.IsValidRuleName(target.Id))
                    failures.Add(new RuleTargetFailure(target.Id, "ValidationException", $"Target id '{target.Id}' is not valid: 1 to 64 of A-Z a-z 0-9 . - _."));
                else if (_invoker.Refuses(target.Arn, bus) is { } problem)
                    failures.Add(new RuleTargetFailure(target.Id, "ValidationException", problem));
                else if (target.DeadLetterArn is { } dlq && DeadLetterList.NameOf(dlq) is null)
                    failures.Add(new RuleTargetFailure(target.Id, "ValidationException",
                        $"DeadLetterConfig.Arn '{dlq}' is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue name>); its queue name names the shop's dead-letter list."));
                else
                {
                    var row = existing.FirstOrDefault(t => t.Id == target.Id);
                    if (row is null)
                    {
                        if (existing.Count >= MaxTargetsPerRule)
                            throw new ConflictException("Too many targets", $"The requested resource exceeds the maximum number allowed: a rule has at most {MaxTargetsPerRule} targets.") { ErrorCode = "LimitExceededException" };
                        _db.Targets.Add(row = new RuleTargetRow { Bus = bus, Rule = rule, Id = target.Id, Arn = target.Arn, Position = position++ });
                        existing.Add(row);
                    }
                    row.Arn = target.Arn;
                    row.RoleArn = target.RoleArn;
                    row.InputJson = target.Input is { Count: > 0 } input ? input.ToJsonString() : null;
                    row.MaxRetryAttempts = target.Retry?.MaximumRetryAttempts;
                    row.MaxEventAgeSeconds = target.Retry?.MaximumEventAgeInSeconds;
                    row.DeadLetterArn = target.DeadLetterArn;
                }
            }
            return failures;
        }, cancellationToken);
    }

    /// <summary>Removes targets by id; ids the rule does not have are ignored, as in EventBridge.</summary>
    public Task RemoveTargetsAsync(string bus, string rule, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        RefuseManaged(bus, rule);
        return Write(async ct =>
        {
            await DescribeRuleAsync(bus, rule, ct);
            await _db.Targets.Where(t => t.Bus == bus && t.Rule == rule && ids.Contains(t.Id)).ExecuteDeleteAsync(ct);
        }, cancellationToken);
    }
}
