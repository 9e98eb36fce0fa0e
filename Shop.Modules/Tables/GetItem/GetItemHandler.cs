using Mediator;
using Shop.Modules.Tables.Contracts;
using Shop.Modules.Tables.Expressions;
using Shop.Modules.Tables.Items;

namespace Shop.Modules.Tables.GetItem;

internal sealed class GetItemHandler(ItemStore store) : IRequestHandler<Contracts.GetItem, ItemResult>
{
    public async ValueTask<ItemResult> Handle(Contracts.GetItem request, CancellationToken cancellationToken)
    {
        var key = AttributeValue.NormalizeMap(request.Key ?? throw TableException.Validation("Key is required"), "Key");
        var expressions = new Expressions.Expressions(request.Arguments);
        var projection = expressions.Projection(request.Projection);
        expressions.CheckAllUsed();
        var table = await store.TableAsync(request.Table, cancellationToken);
        var (_, item) = await store.LoadAsync(table, ItemStore.KeyOf(table, key, keyOnly: true), cancellationToken);
        return new ItemResult(item is null ? null : Evaluator.Project(item, projection));
    }
}
