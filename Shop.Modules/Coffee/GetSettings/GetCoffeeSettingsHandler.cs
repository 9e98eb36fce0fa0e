using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;

namespace Shop.Modules.Coffee.GetSettings;

/// <summary>
/// Store open/closed and barista capacity. Kept in SQLite (coffee_store), not in the in-memory run-time
/// settings: like the seed's config table they are shop state, so a closed store stays closed after a restart,
/// and the workflow reads them inside its step's transaction. appsettings (Coffee:StoreOpen,
/// Coffee:BaristaCapacity) gives the values until they are first changed.
/// </summary>
internal sealed class GetCoffeeSettingsHandler(CoffeeDbContext db, IConfiguration configuration)
    : IRequestHandler<GetCoffeeSettings, CoffeeSettingsDto>
{
    public async ValueTask<CoffeeSettingsDto> Handle(GetCoffeeSettings request, CancellationToken cancellationToken) =>
        Effective(await db.Store.AsNoTracking().FirstOrDefaultAsync(s => s.Id == StoreSettings.TheRow, cancellationToken), configuration);

    /// <summary>The stored values, or appsettings' until they are first changed.</summary>
    public static CoffeeSettingsDto Effective(StoreSettings? row, IConfiguration configuration) => new(
        row?.StoreOpen ?? configuration.GetValue("Coffee:StoreOpen", true),
        row?.BaristaCapacity ?? configuration.GetValue("Coffee:BaristaCapacity", 10));
}
