using Microsoft.Data.Sqlite;

namespace Shop.Modules.Kernel.Database;

/// <summary>Where the shop keeps its data: one folder with the SQLite file and the files modules write.</summary>
public sealed class DatabaseSettings
{
    public DatabaseSettings(string dataFolder, string fileName = "shop.db")
    {
        DataFolder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(DataFolder);
        DatabasePath = Path.Combine(DataFolder, fileName);
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

    /// <summary>WAL lets readers run beside the one writer; it is a property of the file, set once.</summary>
    internal void EnableWriteAheadLog()
    {
        using var connection = ShopConnection.Open(ConnectionString);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
