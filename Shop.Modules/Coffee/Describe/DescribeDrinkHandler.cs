using Mediator;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Coffee.Data;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Describe;

internal sealed class DescribeDrinkHandler(CoffeeDbContext db) : IRequestHandler<DescribeDrink, DrinkDto>
{
    public async ValueTask<DrinkDto> Handle(DescribeDrink request, CancellationToken cancellationToken) =>
        (await db.FindDrinkAsync(Require.Id(request.OrderId, "orderId"), cancellationToken)).ToDto();
}
