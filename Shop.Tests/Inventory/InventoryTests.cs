using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Kernel.Database;
using Shop.Tests.Infrastructure;
using Shop.Tests.Infrastructure.Builders;

namespace Shop.Tests.Inventory;

public sealed class InventoryTests : IDisposable
{
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public InventoryTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<(int Available, int Reserved, int Sold)> CountsAsync(string itemId)
    {
        var item = await _client.GetOkAsync<ItemDto>($"/inventory/describe/{itemId}");
        return (item.Available, item.Reserved, item.Sold);
    }

    [Fact]
    public async Task Given_the_seed_When_item_1_is_described_Then_name_price_and_stock_are_the_seeds()
    {
        var item = await _client.GetOkAsync<ItemDto>("/inventory/describe/item-1");

        item.Name.Should().Be("Big Smartphone");
        item.Price.Should().Be(399.99m);
        item.Description.Should().NotBeEmpty();
        (await CountsAsync("item-1")).Should().Be((10, 0, 0));
        (await CountsAsync("item-2")).Should().Be((5, 0, 0));
        (await CountsAsync("item-3")).Should().Be((100, 0, 0));
    }

    [Fact]
    public async Task Given_an_item_When_described_Then_its_name_price_and_stock()
    {
        var created = await AnItem.Stocked(7).Priced(12.34m).Named("Espresso cups").CreateAsync(_app);

        var item = await _client.GetOkAsync<ItemDto>($"/inventory/describe/{created.ItemId}");

        item.Should().Be(new ItemDto(created.ItemId, "Espresso cups", created.Description, 12.34m, Available: 7, Reserved: 0, Sold: 0));
    }

    [Fact]
    public async Task Given_stock_When_reserved_Then_one_unit_moves_from_available_to_reserved()
    {
        var item = await AnItem.Stocked(10).CreateAsync(_app);

        var reserved = (await _client.GetJsonAsync($"/inventory/reserve/{item.ItemId}")).As<ItemDto>(HttpStatusCode.OK);

        (reserved.Available, reserved.Reserved, reserved.Sold).Should().Be((9, 1, 0));
    }

    [Fact]
    public async Task Given_stock_When_reserve_remove_return_Then_counts_move_as_the_scenario_says()
    {
        var item = (await AnItem.Stocked(10).CreateAsync(_app)).ItemId;

        (await _client.GetJsonAsync($"/inventory/reserve/{item}")).Status.Should().Be(HttpStatusCode.OK);
        (await CountsAsync(item)).Should().Be((9, 1, 0));

        (await _client.GetJsonAsync($"/inventory/remove/{item}")).Status.Should().Be(HttpStatusCode.OK);
        (await CountsAsync(item)).Should().Be((9, 0, 1));

        (await _client.GetJsonAsync($"/inventory/return/{item}")).Status.Should().Be(HttpStatusCode.OK);
        (await CountsAsync(item)).Should().Be((10, 0, 0));
    }

    [Fact]
    public async Task Given_a_reservation_When_unreserved_Then_the_unit_is_available_again()
    {
        var item = (await AnItem.Stocked(5).CreateAsync(_app)).ItemId;
        await _client.GetJsonAsync($"/inventory/reserve/{item}");

        var unreserved = (await _client.GetJsonAsync($"/inventory/unreserve/{item}")).As<ItemDto>(HttpStatusCode.OK);

        (unreserved.Available, unreserved.Reserved, unreserved.Sold).Should().Be((5, 0, 0));
        (await CountsAsync(item)).Should().Be((5, 0, 0));
    }

    [Fact]
    public async Task Given_no_stock_When_reserved_Then_404_item_not_available_as_the_samples_service_and_nothing_changes()
    {
        var item = (await AnItem.Stocked(2).CreateAsync(_app)).ItemId;
        for (var i = 0; i < 2; i++) (await _client.GetJsonAsync($"/inventory/reserve/{item}")).Status.Should().Be(HttpStatusCode.OK);

        var reply = await _client.GetJsonAsync($"/inventory/reserve/{item}");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Text("title").Should().Be("Item not available");
        reply.Text("errorCode").Should().Be(InventoryErrors.ItemNotAvailable);
        (await CountsAsync(item)).Should().Be((0, 2, 0));
    }

    [Theory]
    [InlineData("unreserve", InventoryErrors.ItemNotReserved)]
    [InlineData("remove", InventoryErrors.ItemNotReserved)]
    [InlineData("return", InventoryErrors.ItemNotSold)]
    public async Task Given_nothing_to_move_When_moved_Then_409_and_nothing_changes(string operation, string errorCode)
    {
        var item = (await AnItem.Stocked(10).CreateAsync(_app)).ItemId;

        var reply = await _client.GetJsonAsync($"/inventory/{operation}/{item}");

        reply.Status.Should().Be(HttpStatusCode.Conflict);
        reply.Text("errorCode").Should().Be(errorCode);
        (await CountsAsync(item)).Should().Be((10, 0, 0));
    }

    [Theory]
    [InlineData("describe")]
    [InlineData("reserve")]
    [InlineData("unreserve")]
    [InlineData("remove")]
    [InlineData("return")]
    public async Task Given_an_unknown_item_When_used_Then_404(string operation)
    {
        var reply = await _client.GetJsonAsync($"/inventory/{operation}/item-404");

        reply.Status.Should().Be(HttpStatusCode.NotFound);
        reply.Text("errorCode").Should().Be(InventoryErrors.ItemNotFound);
    }

    [Theory]
    [InlineData("describe", "item%201")]
    [InlineData("reserve", "%27%3B%20DROP%20TABLE%20inv_items%3B--")]
    [InlineData("remove", "a%2Fb")]
    [InlineData("return", "%09")]
    public async Task Given_a_malformed_item_id_When_used_Then_400_naming_itemId(string operation, string itemId)
    {
        var reply = await _client.GetJsonAsync($"/inventory/{operation}/{itemId}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
        reply.Text("field").Should().Be("itemId");
    }

    [Fact]
    public async Task Given_a_huge_item_id_When_reserved_Then_400()
    {
        var reply = await _client.GetJsonAsync($"/inventory/reserve/{new string('9', 10_000)}");

        reply.Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Given_an_outer_unit_of_work_that_fails_When_an_item_was_reserved_in_it_Then_the_reservation_is_rolled_back()
    {
        var itemId = (await AnItem.Stocked(10).CreateAsync(_app)).ItemId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var act = () => unitOfWork.ExecuteAsync(async ct =>
            {
                var item = await mediator.Send(new ReserveItem(itemId), ct);
                item.Available.Should().Be(9, "the handler sees its own write inside the transaction");
                throw new InvalidOperationException("a later step fails");
            });
            await act.Should().ThrowAsync<InvalidOperationException>();
        }

        (await CountsAsync(itemId)).Should().Be((10, 0, 0));
    }
}
