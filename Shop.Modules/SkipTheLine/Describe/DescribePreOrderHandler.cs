using Mediator;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;

namespace Shop.Modules.SkipTheLine.Describe;

internal sealed class DescribePreOrderHandler(SkipTheLineDbContext db) : IRequestHandler<DescribePreOrder, PreOrderDto>
{
    public async ValueTask<PreOrderDto> Handle(DescribePreOrder request, CancellationToken cancellationToken) =>
        (await db.FindOrderAsync(Require.Id(request.AccountId, "accountId"), Require.Id(request.VendorId, "vendorId"), cancellationToken)).ToDto();
}
