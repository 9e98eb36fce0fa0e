using Shop.Modules.Choreography.Contracts;

namespace Shop.Modules.Choreography.Definitions;

/// <summary>The two examples of seed 001 (SCENARIOS §5).</summary>
internal static class ExampleChoreographies
{
    public static ChoreographyDefinition MarketplaceOrder { get; } = Choreographies.Define("MarketplaceOrder")
        .Comment("Marketplace order: placed, confirmed, accepted or rejected by the service provider, delivered or canceled")
        .StartWhen("""{"source":["order"],"detail-type":["Order Placed"]}""")
        .Correlate("""{"source":["order"],"detail-type":[{"anything-but":"Order Placed"}]}""")
        .Wait("WaitForConfirmation", s => s.On("Order Confirmed", "WaitForServiceProviderAccept"))
        .Wait("WaitForServiceProviderAccept", s => s
            .On("Order Accepted", "WaitForServiceProviderDelivery")
            .On("Order Rejected", "WaitForCanceled"))
        .Wait("WaitForServiceProviderDelivery", s => s
            .On("Order Delivered", "OrderCompleted")
            .On("Order Canceled", "OrderCanceled"))
        .Wait("WaitForCanceled", s => s.On("Order Canceled", "OrderCanceled"))
        .End("OrderCompleted")
        .End("OrderCanceled")
        .Build();

    public static ChoreographyDefinition SecondHandCar { get; } = Choreographies.Define("SecondHandCar")
        .Comment("Second-hand car dealer: announced, inspected, prepared (cleaned, repaired, priced in any order), published, reserved, sold, delivered and invoiced")
        .StartWhen("""{"source":["car"],"detail-type":["Car Announced"]}""")
        .Correlate("""{"source":["car"],"detail-type":[{"anything-but":"Car Announced"}]}""")
        .Wait("InInspection", s => s
            .On("Inspection Completed", "Rejected", when: """{"detail":{"result":["Rejected"]}}""", label: "Inspection Completed (Rejected)")
            .On("Inspection Completed", "InPreparation", when: """{"detail":{"result":["Success"]}}""", label: "Inspection Completed (Success)"))
        .AllOf("InPreparation", ["Car Cleaned", "Car Repaired", "Car Priced"], next: "ReadyForSale")
        .Wait("ReadyForSale", s => s.On("Car Published", "OnSale"))
        .Wait("OnSale", s => s
            .On("Car Unpublished", "ReadyForSale")
            .On("Car Reserved", "Reserved"))
        .Wait("Reserved", s => s
            .On("Car Unreserved", "OnSale")
            .On("Car Sold", "Sold"))
        .AllOf("Sold", ["Car Delivered", "Invoice Sent"], next: "Done")
        .End("Rejected")
        .End("Done")
        .Build();
}
