using Microsoft.Data.Sqlite;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Inventory.Data;

/// <summary>The three stock counts of an item; a move takes one unit from one count and gives it to another.</summary>
internal enum Stock { Available, Reserved, Sold }

/// <summary>
/// The inventory's hot-path SQL, for SQLite: plain commands on the scope's connection (the writer's connection and
/// batch transaction inside a unit of work), no ORM. Another database gets another class with these methods; EF
/// (<see cref="InventoryDbContext"/>) stays the schema owner and serves the cold paths (list, sample data).
/// A command is made where it runs and disposed there: the connection is read each time, never kept.
/// Column formats are the contexts' (<see cref="ModelConventions"/>): the price in integer cents.
/// </summary>
internal sealed class InventorySql(ShopConnection connection)
{
    private const string Columns = "ItemId, Name, Description, Price, Available, Reserved, Sold";


    // One statement per (from, to): the guard "from > 0" in the WHERE is what keeps a count from going negative
    // (Invariant 4) when moves race; RETURNING gives the row as the move left it.
    private static readonly string[,] Moves = BuildMoves();

    public ItemDto? Item(string itemId, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"SELECT {Columns} FROM inv_items WHERE ItemId = $id", cancellationToken);
        command.Parameters.AddWithValue("$id", itemId);
        return Read(command);
    }

    public bool Exists(string itemId, CancellationToken cancellationToken)
    {
        using var command = connection.Command("SELECT 1 FROM inv_items WHERE ItemId = $id", cancellationToken);
        command.Parameters.AddWithValue("$id", itemId);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>One unit from <paramref name="from"/> to <paramref name="to"/> if <paramref name="from"/> has one: the item after the move, or null when nothing moved.</summary>
    public ItemDto? Move(string itemId, Stock from, Stock to, CancellationToken cancellationToken)
    {
        using var command = connection.Command(Moves[(int)from, (int)to] ?? throw new ArgumentException($"No move from {from} to {to}."), cancellationToken);
        command.Parameters.AddWithValue("$id", itemId);
        return Read(command);
    }

    private static string[,] BuildMoves()
    {
        var counts = Enum.GetValues<Stock>();
        var moves = new string[counts.Length, counts.Length];
        foreach (var from in counts)
        {
            foreach (var to in counts.Where(to => to != from))
                moves[(int)from, (int)to] = $"UPDATE inv_items SET {from} = {from} - 1, {to} = {to} + 1 WHERE ItemId = $id AND {from} > 0 RETURNING {Columns}";
        }
        return moves;
    }

    private static ItemDto? Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new ItemDto(reader.GetString(0), reader.GetString(1), reader.GetString(2), Cents(reader, 3),
            reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
    }
}
