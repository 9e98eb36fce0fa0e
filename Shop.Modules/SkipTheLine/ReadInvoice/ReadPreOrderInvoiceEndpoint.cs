using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.SkipTheLine.Contracts;

namespace Shop.Modules.SkipTheLine.ReadInvoice;

/// <summary><c>GET /skiptheline/orders/{accountId}/{vendorId}/invoice</c>: the stored invoice document as written; 404 until it exists.</summary>
internal static class ReadPreOrderInvoiceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/orders/{accountId}/{vendorId}/invoice", async (string accountId, string vendorId, ISender sender, CancellationToken ct) =>
                TypedResults.Text((await sender.Send(new ReadPreOrderInvoice(accountId, vendorId), ct)).Content, "application/json"))
            .ProducesProblem(StatusCodes.Status404NotFound);
}
