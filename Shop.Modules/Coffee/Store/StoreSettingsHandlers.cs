using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Store;

/// <summary>
/// Store open/closed and barista capacity. Kept in SQLite (coffee_store), not in the in-memory run-time
/// settings: like the seed's config table they are shop state, so a closed store stays closed after a restart,
/// and the workflow reads them inside its step's transaction. appsettings (Coffee:StoreOpen,
/// Coffee:BaristaCapacity) gives the values until they are first changed.
/// </summary>
internal sealed class StoreSettingsHandlers(CoffeeDbContext db, UnitOfWork unitOfWork, IConfiguration configuration, TimeProvider clock)
    : IRequestHandler<GetCoffeeSettings, CoffeeSettingsDto>, IRequestHandler<ChangeCoffeeSettings, CoffeeSettingsDto>
{
    public const int MaxCapacity = 1000;

    public async ValueTask<CoffeeSettingsDto> Handle(GetCoffeeSettings request, CancellationToken cancellationToken) =>
        Effective(await db.Store.AsNoTracking().FirstOrDefaultAsync(s => s.Id == StoreSettings.TheRow, cancellationToken));

    public async ValueTask<CoffeeSettingsDto> Handle(ChangeCoffeeSettings request, CancellationToken cancellationToken)
    {
        if (request.StoreOpen is null && request.BaristaCapacity is null)
            throw new InvalidInputException("storeOpen", "Give 'storeOpen' (true or false) and/or 'baristaCapacity' (1-1000).");
        if (request.BaristaCapacity is < 1 or > MaxCapacity)
            throw new InvalidInputException("baristaCapacity", $"'baristaCapacity' must be a whole number from 1 to {MaxCapacity}.");

        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var row = await db.Store.FirstOrDefaultAsync(s => s.Id == StoreSettings.TheRow, ct);
            if (row is null)
            {
                row = new StoreSettings();
                db.Store.Add(row);
            }
            row.StoreOpen = request.StoreOpen ?? row.StoreOpen;
            row.BaristaCapacity = request.BaristaCapacity ?? row.BaristaCapacity;
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return Effective(row);
        }, cancellationToken);
    }

    private CoffeeSettingsDto Effective(StoreSettings? row) => new(
        row?.StoreOpen ?? configuration.GetValue("Coffee:StoreOpen", true),
        row?.BaristaCapacity ?? configuration.GetValue("Coffee:BaristaCapacity", 10));
}
