using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Database;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Kernel;

/// <summary>
/// The SQLite settings every connection runs with. They are set once per pooled handle, so a handle rented again
/// must still have them; the writer's connection has its own page cache on top.
/// </summary>
public sealed class ConnectionSettingsTests : IDisposable
{
    private readonly ShopApp _app = new();

    public ConnectionSettingsTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Given_a_pooled_connection_rented_again_When_a_scope_reads_its_settings_Then_they_still_hold()
    {
        for (var rental = 0; rental < 3; rental++)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var connection = scope.ServiceProvider.GetRequiredService<ShopConnection>();
            Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
            Assert.Equal(30000L, await PragmaAsync(connection, "busy_timeout"));
            Assert.Equal(2L, await PragmaAsync(connection, "temp_store")); // MEMORY
            Assert.Equal(1L, await PragmaAsync(connection, "synchronous")); // NORMAL, the default setting
        }
    }

    [Fact]
    public async Task Given_a_unit_of_work_When_it_reads_the_writers_settings_Then_it_has_the_writers_page_cache()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ShopConnection>();
        var settings = new Dictionary<string, long>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async _ =>
        {
            foreach (var name in new[] { "cache_size", "temp_store", "foreign_keys", "journal_mode" })
            {
                settings[name] = name == "journal_mode" ? (await TextAsync(connection, name) == "wal" ? 1 : 0) : await PragmaAsync(connection, name);
            }
        });
        Assert.Equal(-8192L, settings["cache_size"]);
        Assert.Equal(2L, settings["temp_store"]);
        Assert.Equal(1L, settings["foreign_keys"]);
        Assert.Equal(1L, settings["journal_mode"]);
    }

    private static async Task<long> PragmaAsync(ShopConnection connection, string name) => Convert.ToInt64(await ScalarAsync(connection, name));

    private static async Task<string> TextAsync(ShopConnection connection, string name) => Convert.ToString(await ScalarAsync(connection, name))!;

    private static async Task<object?> ScalarAsync(ShopConnection connection, string name)
    {
        await using var command = connection.Command($"PRAGMA {name};");
        return await command.ExecuteScalarAsync();
    }
}
