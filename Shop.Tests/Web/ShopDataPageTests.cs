using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Inventory.Contracts;
using Shop.Modules.Orders.Contracts;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Web;

public sealed class ShopDataPageTests : IDisposable
{
    private const string Page = "/admin/shop";
    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public ShopDataPageTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<ItemDto> ItemAsync(string id) => (await _client.GetFromJsonAsync<ItemDto>($"/inventory/describe/{id}"))!;

    [Fact]
    public async Task Given_the_seed_When_the_page_opens_Then_customers_and_inventory_with_their_counts_show()
    {
        (await _client.GetAsync(new Uri("/inventory/reserve/item-2", UriKind.Relative))).EnsureSuccessStatusCode();

        var html = await _client.GetStringAsync(new Uri(Page, UriKind.Relative));

        html.Should().Contain("<h1>Shop data</h1>").And.Contain("customer-1").And.Contain("Buckingham Palace")
            .And.Contain("Huge TV").And.Contain("<td class=\"num\">4</td>\n                    <td class=\"num\">1</td>")
            .And.Contain("No orders yet.");
    }

    [Fact]
    public async Task Given_orders_of_both_modes_When_the_page_opens_Then_each_links_to_its_execution_or_its_event_chain()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            await sender.Send(new WriteOrder("customer-1", "order-orch", "item-1", OrderStatus.Paid, OrderMode.Orchestrated, ExecutionId: "exec-42"));
            await sender.Send(new WriteOrder("customer-2", "order-evt", "item-2", OrderStatus.Created, OrderMode.EventDriven));
        }

        var html = await _client.GetStringAsync(new Uri(Page, UriKind.Relative));

        html.Should().Contain("href=\"/admin/executions/exec-42\"").And.Contain("href=\"/admin/events?orderId=order-evt\"");
        var counts = await _client.GetStringAsync(new Uri("/?handler=Counts", UriKind.Relative));
        counts.Should().Contain("<th>PAID</th><td class=\"num\">1</td>").And.Contain("<th>Total</th><td class=\"num\">2</td>");
    }

    [Fact]
    public async Task Given_a_reserved_item_When_reload_is_posted_without_confirming_Then_the_form_asks_and_nothing_changes()
    {
        (await _client.GetAsync(new Uri("/inventory/reserve/item-1", UriKind.Relative))).EnsureSuccessStatusCode();

        var html = await _client.PostFormForHtmlAsync(Page, "Reload", new Dictionary<string, string>());

        html.Should().Contain("Tick the box to confirm");
        (await ItemAsync("item-1")).Reserved.Should().Be(1);
    }

    [Fact]
    public async Task Given_a_reserved_item_When_reload_is_confirmed_Then_the_seed_counts_are_back()
    {
        (await _client.GetAsync(new Uri("/inventory/reserve/item-1", UriKind.Relative))).EnsureSuccessStatusCode();

        var html = await _client.PostFormForHtmlAsync(Page, "Reload", new Dictionary<string, string> { ["ConfirmReload"] = "true" });

        html.Should().Contain("Sample data reloaded");
        var item = await ItemAsync("item-1");
        (item.Available, item.Reserved, item.Sold).Should().Be((10, 0, 0));
    }
}
