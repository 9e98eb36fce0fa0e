using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Modules.Kernel.Http;
using Shop.Modules.SkipTheLine.Contracts;
using Shop.Modules.SkipTheLine.Data;
using Shop.Modules.Workflows;

namespace Shop.Modules.SkipTheLine.PreOrder;

/// <summary>
/// Starts the pre-order workflow and waits (briefly) for it. The "Write Order" step is the one place that
/// decides whether the order may exist, so the HTTP answer reports what that step did: written (201), refused
/// because an order is active (409; the execution failed there and wrote no invoice), or not yet known (202).
/// </summary>
internal sealed class PlacePreOrderHandler(IWorkflowEngine engine, SkipTheLineDbContext db) : IRequestHandler<PlacePreOrder, PreOrderPlacement>
{
    public const int MaxItems = 20;
    public const int MaxQuantity = 99;
    public const decimal MaxUnitPrice = 1000m;

    internal static TimeSpan WaitForWorkflow { get; set; } = TimeSpan.FromSeconds(10);

    public async ValueTask<PreOrderPlacement> Handle(PlacePreOrder request, CancellationToken cancellationToken)
    {
        var accountId = Require.Id(request.AccountId, "accountId");
        var vendorId = Require.Id(request.VendorId, "vendorId");
        var items = ValidItems(request.Items);
        var orderId = $"po-{Guid.NewGuid():N}"[..19];

        var started = await engine.StartAsync(PreOrderWorkflow.Name,
            WorkflowJson.From(new PreOrderInput(orderId, accountId, vendorId, items)), orderId, cancellationToken);

        // Real elapsed time, not the shop's clock: this bounds how long the caller waits for the worker.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var execution = await engine.DescribeAsync(started.ExecutionId, cancellationToken);
            var written = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);
            var finished = execution.Status != ExecutionStatus.Running;
            if (written is not null && (finished || waited.Elapsed > WaitForWorkflow))
                return new PreOrderPlacement(true, written.ToDto(), started.ExecutionId, execution.Status);
            if (finished && execution.Error == PreOrderErrors.OrderAlreadyActive)
                throw new ConflictException("Active order exists", execution.Cause ?? "The account already has an active order with this vendor.")
                {
                    ErrorCode = PreOrderErrors.OrderAlreadyActive,
                    Extensions = { ["executionId"] = started.ExecutionId },
                };
            if (finished)
                throw new InvalidOperationException($"Pre-order workflow {started.ExecutionId} ended {execution.Status} before writing the order: {execution.Error}: {execution.Cause}");
            if (waited.Elapsed > WaitForWorkflow)
                return new PreOrderPlacement(false, null, started.ExecutionId, execution.Status);
            await Task.Delay(TimeSpan.FromMilliseconds(15), cancellationToken);
        }
    }

    /// <summary>The generic start's check of an input (<see cref="WorkflowInputValidator"/>): what this handler would have built.</summary>
    public static void ValidateInput(System.Text.Json.Nodes.JsonNode? input)
    {
        PreOrderInput? read;
        try
        {
            read = input is System.Text.Json.Nodes.JsonObject ? System.Text.Json.JsonSerializer.Deserialize<PreOrderInput>(input, System.Text.Json.JsonSerializerOptions.Web) : null;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidInputException("input", $"'input' is not a pre-order {{orderId, accountId, vendorId, items}}: {e.Message}");
        }
        if (read is null) throw new InvalidInputException("input", "'input' must be an object {orderId, accountId, vendorId, items}.");
        Require.Id(read.OrderId, "orderId");
        Require.Id(read.AccountId, "accountId");
        Require.Id(read.VendorId, "vendorId");
        ValidItems(read.Items);
    }

    private static PreOrderItem[] ValidItems(IReadOnlyList<PreOrderItem>? items)
    {
        if (items is null || items.Count is 0 or > MaxItems)
            throw new InvalidInputException("items", $"'items' must hold 1 to {MaxItems} items.");
        return items.Select((item, i) =>
        {
            var field = $"items[{i}]";
            var name = Require.Text(item.Name, $"{field}.name", 100);
            if (item.Quantity is < 1 or > MaxQuantity)
                throw new InvalidInputException($"{field}.quantity", $"'{field}.quantity' must be a whole number from 1 to {MaxQuantity}.");
            if (item.UnitPrice is { } price && (price < 0 || price > MaxUnitPrice || decimal.Round(price, 2) != price))
                throw new InvalidInputException($"{field}.unitPrice", $"'{field}.unitPrice' must be from 0 to {MaxUnitPrice} with at most 2 decimals.");
            return new PreOrderItem(name, item.Quantity, item.UnitPrice);
        }).ToArray();
    }
}
