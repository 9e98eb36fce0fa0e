using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Database;

namespace Shop.Modules.Coffee.Processing;

/// <summary>Moves a drink to <paramref name="Status"/>; the task token's SHA-256 is kept only while waiting.</summary>
internal sealed record UpdateDrink(string OrderId, string Status, string? Reason = null, string? BaristaId = null, string? TaskToken = null)
    : IRequest<DrinkDto>;

internal sealed class UpdateDrinkHandler(CoffeeDbContext db, UnitOfWork unitOfWork, TimeProvider clock) : IRequestHandler<UpdateDrink, DrinkDto>
{
    public async ValueTask<DrinkDto> Handle(UpdateDrink request, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var drink = await db.FindDrinkAsync(request.OrderId, ct);
            var now = clock.GetUtcNow();
            drink.Status = request.Status;
            drink.TaskToken = request.Status == DrinkStatus.Waiting && request.TaskToken is { } token ? Sha256(token) : null;
            drink.Reason = request.Reason ?? drink.Reason;
            drink.BaristaId = request.BaristaId ?? drink.BaristaId;
            if (request.Status == DrinkStatus.Waiting) drink.WaitingSince = now;
            else if (request.Status != DrinkStatus.Received) drink.FinishedAt = now;
            await db.SaveChangesAsync(ct);
            return drink.ToDto();
        }, cancellationToken);

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
