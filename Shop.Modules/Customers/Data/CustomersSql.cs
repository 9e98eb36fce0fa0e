using Microsoft.Data.Sqlite;
using Shop.Modules.Customers.Contracts;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Customers.Data;

/// <summary>
/// The customers' hot-path SQL (every order reads its customer), for SQLite: a plain command on the scope's
/// connection (the writer's connection and batch transaction inside a unit of work), no ORM. Another database gets
/// another class with these methods; EF (<see cref="CustomersDbContext"/>) stays the schema owner and serves the cold
/// paths (list, sample data). A command is made where it runs and disposed there: the connection is read each time.
/// </summary>
internal sealed class CustomersSql(ShopConnection connection)
{
    public CustomerDto? Customer(string customerId, CancellationToken cancellationToken)
    {
        using var command = connection.Command("SELECT CustomerId, Description, Name, Email, Address FROM cus_customers WHERE CustomerId = $id", cancellationToken);
        command.Parameters.AddWithValue("$id", customerId);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new CustomerDto(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }
}
