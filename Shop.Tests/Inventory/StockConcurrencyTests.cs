using System.Net;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Inventory;

public sealed class StockConcurrencyTests
{
    [Fact]
    public async Task Given_10_available_When_200_reserve_at_once_Then_exactly_10_succeed_and_stock_is_conserved()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var before = await client.GetJsonAsync("/inventory/describe/item-1");
        before.Int("available").Should().Be(10);

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetJsonAsync("/inventory/reserve/item-1")));

        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(10);
        replies.Count(r => r.Status == HttpStatusCode.NotFound && r.Text("errorCode") == "ItemNotAvailable").Should().Be(190);
        var after = await client.GetJsonAsync("/inventory/describe/item-1");
        after.Int("available").Should().Be(0);
        after.Int("reserved").Should().Be(10);
        (after.Int("available") + after.Int("reserved") + after.Int("sold"))
            .Should().Be(before.Int("available") + before.Int("reserved") + before.Int("sold"));
    }

    [Fact]
    public async Task Given_reservations_When_remove_and_unreserve_race_Then_no_count_goes_negative()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++) await client.GetJsonAsync("/inventory/reserve/item-2");

        var replies = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => client.GetJsonAsync(i % 2 == 0 ? "/inventory/remove/item-2" : "/inventory/unreserve/item-2")));

        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(3, "only three units were reserved");
        var after = await client.GetJsonAsync("/inventory/describe/item-2");
        after.Int("reserved").Should().Be(0);
        (after.Int("available") + after.Int("sold")).Should().Be(5);
    }
}
