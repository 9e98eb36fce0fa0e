using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Coffee.Contracts;
using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Coffee.Complete;

/// <summary>
/// <c>POST /coffee/orders/{orderId}/complete</c> <c>{"baristaId"}</c>: the barista completes the order (seed 003's
/// "Awaiting Order Completion" ends, "Order Completed" runs). 202; 404 for an unknown order, 409 <c>DrinkNotWaiting</c>.
/// </summary>
internal static class CompleteCoffeeOrderEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/orders/{orderId}/complete", HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Complete a coffee order: SendTaskSuccess {\"baristaId\"} for the drink the barista made");

    private static async Task<Accepted<DrinkDto>> HandleAsync(string orderId, HttpRequest request, ISender sender, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, "", ct);
        var drink = await sender.Send(new CompleteCoffeeOrder(orderId, JsonBody.String(body, "baristaId")), ct);
        return TypedResults.Accepted($"/coffee/orders/{drink.OrderId}", drink);
    }
}
