using Shop.Modules.Kernel.Http;
using Shop.Modules.Orders.Contracts;

namespace Shop.Modules.Orders.Data;

internal static class OrderRules
{
    public static string Status(string? status) =>
        status is not null && OrderStatus.All.Contains(status)
            ? status
            : throw new InvalidInputException("status", $"'status' must be one of {string.Join(", ", OrderStatus.All)}.");

    public static string Mode(string? mode) =>
        mode is not null && OrderMode.All.Contains(mode)
            ? mode
            : throw new InvalidInputException("mode", $"'mode' must be one of {string.Join(", ", OrderMode.All)}.");

    public static decimal? Money(decimal? amount, string field) =>
        amount is null or (>= 0 and <= 1_000_000_000m)
            ? amount
            : throw new InvalidInputException(field, $"'{field}' must be between 0 and 1000000000.");

    public static NotFoundException NotFound(string customerId, string orderId) =>
        new("Order", $"{customerId}/{orderId}") { ErrorCode = OrderErrors.OrderNotFound };
}
