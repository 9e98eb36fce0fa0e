using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Host;

/// <summary>Issue 13: health that tells the truth, and no raw task token at rest.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public HealthTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_a_fresh_shop_When_live_and_ready_are_asked_Then_both_answer_with_each_checks_reason()
    {
        (await _client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await _client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().Should().BeOneOf("Healthy", "Degraded");
        var checks = body["checks"]!.AsObject();
        checks.Select(c => c.Key).Should().BeEquivalentTo("database", "events", "executions", "disk");
        checks["events"]!["reason"]!.GetValue<string>().Should().Contain("dead deliveries");
        checks["executions"]!["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    [Fact]
    public async Task Given_the_migrated_database_When_the_callback_tables_are_read_Then_no_column_holds_a_raw_task_token()
    {
        _ = _app.Server;
        await using var connection = new SqliteConnection(_app.Services.GetRequiredService<DatabaseSettings>().ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('ord_delivery_waits')";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));

        columns.Should().Contain("ExecutionId").And.NotContain("TaskToken");
    }
}
