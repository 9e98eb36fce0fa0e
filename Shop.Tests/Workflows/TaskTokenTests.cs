using Shop.Modules.Workflows;

namespace Shop.Tests.Workflows;

public sealed class TaskTokenTests
{
    /// <summary>
    /// A token is pasted into `aws stepfunctions send-task-success --task-token TOKEN`: one that began with '-' was read
    /// by the CLI as an option (exit 252), 1 time in 64. Found as a flaky CLI test.
    /// </summary>
    [Fact]
    public void Given_new_task_tokens_When_made_Then_each_begins_with_letters_and_is_url_safe()
    {
        var tokens = Enumerable.Range(0, 20_000).Select(_ => TaskTokens.NewToken()).ToList();

        tokens.Should().OnlyContain(t => t.StartsWith("AQ", StringComparison.Ordinal) && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
        tokens.Should().OnlyHaveUniqueItems();
    }
}
