using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Customers.Contracts;

namespace Shop.Modules.Customers.Describe;

/// <summary><c>GET /customer/describe/{customerId}</c>: the customer and their address; 404 <c>CustomerNotFound</c>.</summary>
internal static class DescribeCustomerEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/describe/{customerId}", async (string customerId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DescribeCustomer(customerId), ct))).ProducesProblem(StatusCodes.Status404NotFound);
}
