using Microsoft.Data.Sqlite;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.Database;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Delivery.Data;

/// <summary>
/// The deliveries' hot-path SQL, for SQLite: plain commands on the scope's connection (the writer's connection and
/// batch transaction inside a unit of work), no ORM. Another database gets another class with these methods; EF
/// (<see cref="DeliveryDbContext"/>) stays the schema owner and serves the cold path (the list).
/// A command is made where it runs and disposed there: the connection is read each time, never kept.
/// Column formats are the contexts' (<see cref="ModelConventions"/>): the price in integer cents, times as UTC text.
/// </summary>
internal sealed class DeliverySql(ShopConnection connection)
{
    private const string Columns = "CustomerId, OrderId, Address, Status, Distance, DurationSeconds, Price, StartedAt, UpdatedAt";

    private const string Key = "CustomerId = $customer AND OrderId = $order";

    public DeliveryDto? Delivery(string customerId, string orderId, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"SELECT {Columns} FROM dlv_deliveries WHERE {Key}", cancellationToken);
        Bind(command, customerId, orderId);
        return Read(command);
    }

    /// <summary>Stores a new delivery; false (nothing written) when the order already has one.</summary>
    public bool Insert(DeliveryDto delivery, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"INSERT INTO dlv_deliveries ({Columns}) VALUES ($customer, $order, $address, $status, $distance, $duration, "
            + "$price, $started, $updated) ON CONFLICT (CustomerId, OrderId) DO NOTHING", cancellationToken);
        Bind(command, delivery.CustomerId, delivery.OrderId);
        var p = command.Parameters;
        p.AddWithValue("$address", delivery.Address);
        p.AddWithValue("$status", delivery.Status);
        p.AddWithValue("$distance", delivery.Distance);
        p.AddWithValue("$duration", delivery.DurationSeconds);
        p.AddWithValue("$price", Cents(delivery.Price));
        p.AddWithValue("$started", Time(delivery.StartedAt));
        p.AddWithValue("$updated", Time(delivery.UpdatedAt));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>DELIVERING → <paramref name="status"/> in one conditional UPDATE: the delivery as ended, or null when it was not DELIVERING (or is unknown).</summary>
    public DeliveryDto? End(string customerId, string orderId, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"UPDATE dlv_deliveries SET Status = $status, UpdatedAt = $now WHERE {Key} AND Status = $delivering RETURNING {Columns}", cancellationToken);
        Bind(command, customerId, orderId);
        var p = command.Parameters;
        p.AddWithValue("$status", status);
        p.AddWithValue("$now", Time(now));
        p.AddWithValue("$delivering", DeliveryStatus.Delivering);
        return Read(command);
    }

    private static void Bind(SqliteCommand command, string customerId, string orderId)
    {
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$order", orderId);
    }

    private static DeliveryDto? Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new DeliveryDto(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), reader.GetDouble(5),
            Cents(reader, 6), Time(reader, 7), Time(reader, 8));
    }
}
