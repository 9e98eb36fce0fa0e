using Mediator;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Tables.TableExists;

/// <summary>
/// One SELECT on the scope's connection: no DbContext is built for it, because the engine asks at every execution's
/// end whether a <c>.sync</c> parent waits for it, and on most shops that table was never made.
/// </summary>
internal sealed class TableExistsHandler(ShopConnection connection) : IRequestHandler<Contracts.TableExists, bool>
{
    public ValueTask<bool> Handle(Contracts.TableExists request, CancellationToken cancellationToken)
    {
        using var command = connection.Command("SELECT EXISTS (SELECT 1 FROM tbl_tables WHERE Name = $name)", cancellationToken);
        command.Parameters.AddWithValue("$name", request.Name ?? "");
        return ValueTask.FromResult((long)command.ExecuteScalar()! == 1);
    }
}
