using Mediator;

namespace Shop.Modules.Coffee.Contracts;

/// <summary>Names of the coffee shop's events (SCENARIOS §3).</summary>
public static class CoffeeEvents
{
    /// <summary>The workshop's event source; the barista workflow publishes under it.</summary>
    public const string WorkshopSource = "ok.serverlessworkshop";

    /// <summary>The source <c>POST /coffee/orders</c> publishes its OrderCreated under (the module's name).</summary>
    public const string ShopSource = "coffee";

    /// <summary>OrderCreated events from these sources start the barista workflow; the retail shop's (source "Order") do not.</summary>
    public static readonly IReadOnlyList<string> OrderSources = [WorkshopSource, ShopSource];

    public const string OrderCreated = "OrderCreated";

    public const string WaitingCompletion = "OrderProcessor.WaitingCompletion";
}

/// <summary>Where a drink is: accepted, at the barista, completed, or not made.</summary>
public static class DrinkStatus
{
    public const string Received = "received";
    public const string Waiting = "waiting";
    public const string Completed = "completed";
    public const string TimedOut = "timed_out";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Received, Waiting, Completed, TimedOut, Failed];
}

/// <summary>
/// A drink as the barista board shows it (the task token never leaves the module): the order's latest attempt,
/// numbered <paramref name="Attempt"/>, with the attempts before it.
/// </summary>
public sealed record DrinkDto(
    string OrderId,
    string UserId,
    string Drink,
    string Status,
    string? BaristaId,
    string? Reason,
    string? ExecutionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? WaitingSince,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? FinishedAt,
    int Attempt,
    IReadOnlyList<DrinkAttempt> EarlierAttempts);

/// <summary>One processing of an order id (an execution of the barista workflow) and how it ended.</summary>
public sealed record DrinkAttempt(int Attempt, string? ExecutionId, string UserId, string Drink, string Status, string? BaristaId, string? Reason,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

public sealed record CoffeeSettingsDto(bool StoreOpen, int BaristaCapacity);

/// <param name="Created">False when an order with that id already existed (nothing new was started).</param>
public sealed record PlacedCoffeeOrder(string OrderId, string ExecutionId, bool Created);

/// <summary>Publishes a coffee OrderCreated and starts the barista workflow for it (execution name = order id).</summary>
public sealed record PlaceCoffeeOrder(string? OrderId, string? UserId, string? Drink) : IRequest<PlacedCoffeeOrder>;

public sealed record DescribeDrink(string OrderId) : IRequest<DrinkDto>;

/// <summary>Waiting drinks oldest first, then the latest <paramref name="RecentCount"/> finished ones newest first.</summary>
public sealed record ListDrinks(int RecentCount = 20) : IRequest<DrinkBoard>;

public sealed record DrinkBoard(IReadOnlyList<DrinkDto> Waiting, IReadOnlyList<DrinkDto> Recent, DateTimeOffset AsOf);

/// <summary>
/// The barista completes the order (seed 003: "Awaiting Order Completion", then "Order Completed"): SendTaskSuccess
/// with <c>{"baristaId"}</c> for the drink's task token.
/// </summary>
public sealed record CompleteCoffeeOrder(string OrderId, string? BaristaId) : IRequest<DrinkDto>;

/// <summary>The barista is still working: SendTaskHeartbeat for the drink's task token.</summary>
public sealed record HeartbeatDrink(string OrderId) : IRequest<DrinkDto>;

public sealed record GetCoffeeSettings : IRequest<CoffeeSettingsDto>;

/// <summary>Changes what is given (null: unchanged); at least one value is required.</summary>
public sealed record ChangeCoffeeSettings(bool? StoreOpen, int? BaristaCapacity) : IRequest<CoffeeSettingsDto>;

public static class CoffeeErrors
{
    public const string DrinkNotFound = "DrinkNotFound";
    public const string DrinkNotWaiting = "DrinkNotWaiting";
    /// <summary>An execution for an order whose earlier attempt is still received or waiting.</summary>
    public const string OrderInProgress = "OrderInProgress";
}
