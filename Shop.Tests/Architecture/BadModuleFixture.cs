using Shop.Modules.Inventory.Data;

// Deliberately breaks the module boundary (Orders reaching into Inventory's internals), so that a test can
// show the boundary rule catches it. The rule over Shop.Modules alone never sees this assembly.
namespace Shop.Modules.Orders.ArchitectureFixture;

internal sealed class ReachesIntoInventory
{
    public static int CountItems(InventoryDbContext inventory) => inventory.Items.Count();
}
