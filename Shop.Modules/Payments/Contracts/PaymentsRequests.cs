using System.Text.Json.Serialization;
using Mediator;

namespace Shop.Modules.Payments.Contracts;

public static class PaymentStatus
{
    public const string Paid = "PAID";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";
}

public sealed record PaymentDto(string PaymentId, string PaymentMethod, decimal Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public bool IsPaid => Status == PaymentStatus.Paid;
}

/// <summary>
/// Charges the amount (positive, at most 1000000000, rounded to cents). A declined payment is not an
/// exception: it is recorded and returned with status FAILED, so it survives the caller's transaction;
/// callers raise <see cref="PaymentErrors.PaymentFailed"/> themselves when <see cref="PaymentDto.IsPaid"/> is false.
/// </summary>
public sealed record MakePayment(decimal Amount) : IRequest<PaymentDto>;

/// <summary>PAID → CANCELED; 404 unknown id; 409 when already canceled or failed.</summary>
public sealed record CancelPayment(string PaymentId) : IRequest<PaymentDto>;

public sealed record DescribePayment(string PaymentId) : IRequest<PaymentDto>;

public static class PaymentErrors
{
    public const string PaymentFailed = "PaymentFailed";
    public const string PaymentNotFound = "PaymentNotFound";
    public const string PaymentAlreadyCanceled = "PaymentAlreadyCanceled";
    public const string PaymentNotPaid = "PaymentNotPaid";
}

/// <summary>The latest payments, newest first; <paramref name="Limit"/> is clamped to 1..500.</summary>
public sealed record ListPayments(int Limit = 100) : IRequest<IReadOnlyList<PaymentDto>>;
