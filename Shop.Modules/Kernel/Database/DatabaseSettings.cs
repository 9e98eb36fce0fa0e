using Microsoft.Data.Sqlite;

namespace Shop.Modules.Kernel.Database;

/// <summary>How much SQLite waits for the disk at each commit (<c>Database:Synchronous</c>).</summary>
public enum SynchronousMode
{
    /// <summary>WAL + NORMAL: a commit survives a crash of the process, not always a power loss (the default).</summary>
    Normal,

    /// <summary>WAL + FULL: every commit is fsynced, so it survives a power loss too; group commit pays for it.</summary>
    Full,
}

/// <summary>Where the shop keeps its data: one folder with the SQLite file and the files modules write.</summary>
public sealed class DatabaseSettings
{
    public DatabaseSettings(string dataFolder, string fileName = "shop.db", SynchronousMode synchronous = SynchronousMode.Normal)
    {
        DataFolder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(DataFolder);
        DatabasePath = Path.Combine(DataFolder, fileName);
        Synchronous = synchronous;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DataFolder { get; }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public SynchronousMode Synchronous { get; }

    /// <summary>Reads <c>Database:Synchronous</c> (Normal or Full, any case); anything else stops the start with a clear message.</summary>
    public static SynchronousMode ParseSynchronous(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SynchronousMode.Normal
        : Enum.TryParse<SynchronousMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
        : throw new InvalidOperationException($"Database:Synchronous must be Normal or Full, not '{value}'.");

    /// <summary>WAL lets readers run beside the one writer; it is a property of the file, set once.</summary>
    internal void EnableWriteAheadLog()
    {
        using var connection = ShopConnection.Open(ConnectionString, Synchronous);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
