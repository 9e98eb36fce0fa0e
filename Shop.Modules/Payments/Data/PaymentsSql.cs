using Microsoft.Data.Sqlite;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Payments.Contracts;
using static Shop.Modules.Kernel.Database.SqlValues;

namespace Shop.Modules.Payments.Data;

/// <summary>
/// The payments' hot-path SQL, for SQLite: plain commands on the scope's connection (the writer's connection and
/// batch transaction inside a unit of work), no ORM. Another database gets another class with these methods; EF
/// (<see cref="PaymentsDbContext"/>) stays the schema owner and serves the cold path (the list).
/// A command is made where it runs and disposed there: the connection is read each time, never kept.
/// Column formats are the contexts' (<see cref="ModelConventions"/>): the amount in integer cents, times as UTC text.
/// </summary>
internal sealed class PaymentsSql(ShopConnection connection)
{
    private const string Columns = "PaymentId, PaymentMethod, Amount, Status, CreatedAt, UpdatedAt";

    public PaymentDto? Payment(string paymentId, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"SELECT {Columns} FROM pay_payments WHERE PaymentId = $id", cancellationToken);
        command.Parameters.AddWithValue("$id", paymentId);
        return Read(command);
    }

    public void Insert(PaymentDto payment, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"INSERT INTO pay_payments ({Columns}) VALUES ($id, $method, $amount, $status, $created, $updated)", cancellationToken);
        var p = command.Parameters;
        p.AddWithValue("$id", payment.PaymentId);
        p.AddWithValue("$method", payment.PaymentMethod);
        p.AddWithValue("$amount", Cents(payment.Amount));
        p.AddWithValue("$status", payment.Status);
        p.AddWithValue("$created", Time(payment.CreatedAt));
        p.AddWithValue("$updated", Time(payment.UpdatedAt));
        command.ExecuteNonQuery();
    }

    /// <summary>PAID → CANCELED in one conditional UPDATE: the payment as canceled, or null when it was not PAID (or is unknown).</summary>
    public PaymentDto? Cancel(string paymentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"UPDATE pay_payments SET Status = $canceled, UpdatedAt = $now WHERE PaymentId = $id AND Status = $paid RETURNING {Columns}", cancellationToken);
        var p = command.Parameters;
        p.AddWithValue("$id", paymentId);
        p.AddWithValue("$canceled", PaymentStatus.Canceled);
        p.AddWithValue("$paid", PaymentStatus.Paid);
        p.AddWithValue("$now", Time(now));
        return Read(command);
    }

    private static PaymentDto? Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new PaymentDto(reader.GetString(0), reader.GetString(1), Cents(reader, 2), reader.GetString(3), Time(reader, 4), Time(reader, 5));
    }
}
