using Microsoft.Data.Sqlite;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Orders.Contracts;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Orders.Data;

/// <summary>
/// Every SQL statement of the orders' hot path, for SQLite: plain commands on the scope's connection (the writer's
/// connection and batch transaction inside a unit of work), no ORM, one statement where EF read then wrote. Another
/// database gets another class with these methods. <see cref="OrdersDbContext"/> stays the schema's owner (migrations)
/// and serves the cold reads (list, counts). Values are stored as its conventions store them: money as integer cents
/// (<see cref="ModelConventions.CentsConverter"/>), times as UTC text (<see cref="ModelConventions.UtcTextConverter"/>).
/// A command is made where it runs and disposed there: the connection is read each time, never kept.
/// </summary>
internal sealed class OrdersSql(ShopConnection connection)
{
    private const string Columns = "CustomerId, OrderId, ItemId, Status, Mode, ItemPrice, DeliveryPrice, Total, PaymentId, DeliveryAddress, ExecutionId, CreatedAt, UpdatedAt";
    private const string Key = "CustomerId = $c AND OrderId = $o";
    private const string EventDriven = $"{Key} AND Mode = '{OrderMode.EventDriven}'";

    // ---------------------------------------------------------------- orders

    public OrderDto? Order(string customerId, string orderId) =>
        ReadOrder($"SELECT {Columns} FROM ord_orders WHERE {Key}", customerId, orderId);

    /// <summary>Inserts the order or overwrites every column but its creation time; returns the creation time stored.</summary>
    public DateTimeOffset WriteOrder(OrderDto order)
    {
        using var command = Command($"INSERT INTO ord_orders ({Columns}) VALUES ($c, $o, $i, $s, $m, $ip, $dp, $t, $p, $a, $e, $ca, $u) "
            + "ON CONFLICT (CustomerId, OrderId) DO UPDATE SET ItemId = excluded.ItemId, Status = excluded.Status, Mode = excluded.Mode, "
            + "ItemPrice = excluded.ItemPrice, DeliveryPrice = excluded.DeliveryPrice, Total = excluded.Total, PaymentId = excluded.PaymentId, "
            + "DeliveryAddress = excluded.DeliveryAddress, ExecutionId = excluded.ExecutionId, UpdatedAt = excluded.UpdatedAt RETURNING CreatedAt");
        var p = command.Parameters;
        BindKey(command, order.CustomerId, order.OrderId);
        p.AddWithValue("$i", order.ItemId);
        p.AddWithValue("$s", order.Status);
        p.AddWithValue("$m", order.Mode);
        p.AddWithValue("$ip", Cents(order.ItemPrice));
        p.AddWithValue("$dp", Cents(order.DeliveryPrice));
        p.AddWithValue("$t", Cents(order.Total));
        p.AddWithValue("$p", Value(order.PaymentId));
        p.AddWithValue("$a", Value(order.DeliveryAddress));
        p.AddWithValue("$e", Value(order.ExecutionId));
        p.AddWithValue("$ca", Time(order.CreatedAt));
        p.AddWithValue("$u", Time(order.UpdatedAt));
        return ModelConventions.UtcTextConverter.Parse((string)command.ExecuteScalar()!);
    }

    /// <summary>Sets the status of any order; the order as stored now, or null when there is none.</summary>
    public OrderDto? SetStatus(string customerId, string orderId, string status, DateTimeOffset now) =>
        ReadOrder($"UPDATE ord_orders SET Status = $s, UpdatedAt = $u WHERE {Key} RETURNING {Columns}", customerId, orderId, c => Status(c, status, now));

    /// <summary>
    /// Sets the status of an event-driven order and each fact the event carries (a null fact keeps the stored value);
    /// false when there is no such event-driven order.
    /// </summary>
    public bool RecordEventDriven(string customerId, string orderId, string status, DateTimeOffset now, OrderFacts facts)
    {
        using var command = Command("UPDATE ord_orders SET Status = $s, UpdatedAt = $u, ItemPrice = COALESCE($ip, ItemPrice), "
            + "DeliveryPrice = COALESCE($dp, DeliveryPrice), Total = COALESCE($t, Total), PaymentId = COALESCE($p, PaymentId), "
            + $"DeliveryAddress = COALESCE($a, DeliveryAddress) WHERE {EventDriven}");
        BindKey(command, customerId, orderId);
        Status(command, status, now);
        var p = command.Parameters;
        p.AddWithValue("$ip", Cents(facts.ItemPrice));
        p.AddWithValue("$dp", Cents(facts.DeliveryPrice));
        p.AddWithValue("$t", Cents(facts.Total));
        p.AddWithValue("$p", Value(facts.PaymentId));
        p.AddWithValue("$a", Value(facts.DeliveryAddress));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>DELIVERING → <paramref name="status"/> for an event-driven order; the order as stored now, or null when it was not delivering.</summary>
    public OrderDto? EndDelivering(string customerId, string orderId, string status, DateTimeOffset now) =>
        ReadOrder($"UPDATE ord_orders SET Status = $s, UpdatedAt = $u WHERE {EventDriven} AND Status = '{OrderStatus.Delivering}' RETURNING {Columns}",
            customerId, orderId, c => Status(c, status, now));

    /// <summary>The status of the event-driven order; null when there is no such event-driven order.</summary>
    public string? EventDrivenStatus(string customerId, string orderId)
    {
        using var command = Command($"SELECT Status FROM ord_orders WHERE {EventDriven}");
        BindKey(command, customerId, orderId);
        return command.ExecuteScalar() as string;
    }

    private OrderDto? ReadOrder(string sql, string customerId, string orderId, Action<SqliteCommand>? bind = null)
    {
        using var command = Command(sql);
        BindKey(command, customerId, orderId);
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new OrderDto(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            CentsOrNull(reader, 5), CentsOrNull(reader, 6), CentsOrNull(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10),
            Time(reader, 11), Time(reader, 12));
    }

    private static void Status(SqliteCommand command, string status, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("$s", status);
        command.Parameters.AddWithValue("$u", Time(now));
    }

    // ---------------------------------------------------------------- delivery waits

    /// <summary>Opens the order's wait for <paramref name="executionId"/>, a new one or the order's old one reopened (a redriven execution waits again).</summary>
    public void OpenWait(string customerId, string orderId, string executionId, DateTimeOffset now)
    {
        using var command = Command("INSERT INTO ord_delivery_waits (CustomerId, OrderId, ExecutionId, OpenedAt, ClosedAt, Outcome) VALUES ($c, $o, $e, $n, NULL, NULL) "
            + "ON CONFLICT (CustomerId, OrderId) DO UPDATE SET ExecutionId = excluded.ExecutionId, OpenedAt = excluded.OpenedAt, ClosedAt = NULL, Outcome = NULL");
        BindKey(command, customerId, orderId);
        command.Parameters.AddWithValue("$e", executionId);
        command.Parameters.AddWithValue("$n", Time(now));
        command.ExecuteNonQuery();
    }

    /// <summary>The execution the order's open wait is for; null when it has none open.</summary>
    public string? OpenWait(string customerId, string orderId)
    {
        using var command = Command($"SELECT ExecutionId FROM ord_delivery_waits WHERE {Key} AND ClosedAt IS NULL");
        BindKey(command, customerId, orderId);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Closes the order's open wait with <paramref name="outcome"/>; the execution it was for, or null when none was open.</summary>
    public string? CloseWait(string customerId, string orderId, string outcome, DateTimeOffset now)
    {
        using var command = Command($"UPDATE ord_delivery_waits SET ClosedAt = $n, Outcome = $x WHERE {Key} AND ClosedAt IS NULL RETURNING ExecutionId");
        BindKey(command, customerId, orderId);
        command.Parameters.AddWithValue("$n", Time(now));
        command.Parameters.AddWithValue("$x", outcome);
        return command.ExecuteScalar() as string;
    }

    // ---------------------------------------------------------------- plumbing

    /// <summary>A command on the connection and transaction the scope has now (the writer's inside a unit of work).</summary>
    private SqliteCommand Command(string sql) => connection.Command(sql);

    private static void BindKey(SqliteCommand command, string customerId, string orderId)
    {
        command.Parameters.AddWithValue("$c", customerId);
        command.Parameters.AddWithValue("$o", orderId);
    }

}

/// <summary>What an event of the choreography tells about an event-driven order; null: not in this event.</summary>
internal sealed record OrderFacts(
    decimal? ItemPrice = null,
    decimal? DeliveryPrice = null,
    decimal? Total = null,
    string? PaymentId = null,
    string? DeliveryAddress = null)
{
    public static readonly OrderFacts None = new();
}
