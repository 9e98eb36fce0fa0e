using System.Net;
using Shop.Modules.Inventory.Contracts;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Inventory;

public sealed class StockConcurrencyTests
{
    [Fact]
    public async Task Given_10_available_When_200_reserve_at_once_Then_exactly_10_succeed_and_stock_is_conserved()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var before = await AnItem.Stocked(10).CreateAsync(app);

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetJsonAsync($"/inventory/reserve/{before.ItemId}")));

        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(10);
        replies.Count(r => r.Status == HttpStatusCode.NotFound && r.Text("errorCode") == "ItemNotAvailable").Should().Be(190);
        var after = await client.GetOkAsync<ItemDto>($"/inventory/describe/{before.ItemId}");
        after.Available.Should().Be(0);
        after.Reserved.Should().Be(10);
        (after.Available + after.Reserved + after.Sold).Should().Be(before.Available + before.Reserved + before.Sold);
    }

    [Fact]
    public async Task Given_reservations_When_remove_and_unreserve_race_Then_no_count_goes_negative()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        var item = (await AnItem.Stocked(5).CreateAsync(app)).ItemId;
        for (var i = 0; i < 3; i++) await client.GetJsonAsync($"/inventory/reserve/{item}");

        var replies = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => client.GetJsonAsync(i % 2 == 0 ? $"/inventory/remove/{item}" : $"/inventory/unreserve/{item}")));

        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(3, "only three units were reserved");
        var after = await client.GetOkAsync<ItemDto>($"/inventory/describe/{item}");
        after.Reserved.Should().Be(0);
        (after.Available + after.Sold).Should().Be(5);
    }
}
