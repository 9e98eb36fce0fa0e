using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.Configuration;
using Shop.Modules.Fulfillment.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Workflows;

namespace Shop.Modules.Fulfillment.Start;

/// <summary>Starts the fulfillment workflow with <paramref name="Input"/>, named <paramref name="Name"/> or the order id.</summary>
internal sealed record StartFulfillment(JsonObject Input, string? Name) : IRequest<StartedExecution>;

/// <summary>An order id is added when missing so both workflows' executions carry it as their name.</summary>
internal sealed class StartFulfillmentHandler(IWorkflowEngine engine, UnitOfWork unitOfWork, IConfiguration configuration)
    : IRequestHandler<StartFulfillment, StartedExecution>
{
    /// <summary>Fulfillments running at once (<c>Fulfillment:MaxRunning</c>): the demo's checkout is not a load generator.</summary>
    public const int DefaultMaxRunning = 1000;

    public async ValueTask<StartedExecution> Handle(StartFulfillment request, CancellationToken cancellationToken)
    {
        var (input, name) = request;
        FulfillmentInput.Validate(input);
        input["orderId"] ??= name ?? "F-" + Guid.NewGuid().ToString("N")[..12];
        var maxRunning = configuration.GetValue("Fulfillment:MaxRunning", DefaultMaxRunning);
        if (await engine.CountRunningAsync(FulfillmentEvents.FulfillmentWorkflow, cancellationToken) >= maxRunning)
            throw new TooManyRequestsException("Too many fulfillments", $"{maxRunning} fulfillments are running; try again once some have ended.");
        return await unitOfWork.ExecuteAsync(c => engine.StartAsync(FulfillmentEvents.FulfillmentWorkflow, input, name ?? (string)input["orderId"]!, c), cancellationToken);
    }
}
