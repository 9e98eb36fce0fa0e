using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using System.Security.Cryptography;
using System.Text;
using Shop.Tests.Coffee;
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
        checks.Select(c => c.Key).Should().BeEquivalentTo("database", "events", "executions", "timers", "disk");
        checks["timers"]!["reason"]!.GetValue<string>().Should().Contain("none overdue");
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

    [Fact]
    public async Task Given_a_drink_waiting_for_its_barista_When_coffee_drinks_is_read_Then_it_holds_the_tokens_SHA256_and_the_board_still_answers()
    {
        await _client.PlaceCoffeeAsync("hashed-1");
        await _client.WaitForDrinkAsync("hashed-1", "waiting");
        var token = (string)(await _client.WaitingCompletionEventsAsync("hashed-1")).Single()["detail"]!["TaskToken"]!;

        await using var connection = new SqliteConnection(_app.Services.GetRequiredService<DatabaseSettings>().ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TaskToken FROM coffee_drinks WHERE OrderId = 'hashed-1'";
        var stored = (string?)await command.ExecuteScalarAsync();

        stored.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))).And.NotBe(token);
        (await _client.HeartbeatDrinkAsync("hashed-1")).IsSuccessStatusCode.Should().BeTrue("the board answers by execution id");
        (await _client.CompleteCoffeeOrderAsync("hashed-1")).IsSuccessStatusCode.Should().BeTrue();
        await _client.WaitForDrinkAsync("hashed-1", "completed");
    }
}
