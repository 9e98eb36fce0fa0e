using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Coffee.GetSettings;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.ChangeSettings;

/// <summary>Opens or closes the store and sets the barista capacity, in the coffee_store row (see <see cref="GetCoffeeSettingsHandler"/>).</summary>
internal sealed class ChangeCoffeeSettingsHandler(CoffeeDbContext db, UnitOfWork unitOfWork, IConfiguration configuration, TimeProvider clock)
    : IRequestHandler<ChangeCoffeeSettings, CoffeeSettingsDto>
{
    public const int MaxCapacity = 1000;

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
            return GetCoffeeSettingsHandler.Effective(row, configuration);
        }, cancellationToken);
    }
}
