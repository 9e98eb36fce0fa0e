using System.Net;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.SampleData;

public sealed class SampleDataTests
{
    [Fact]
    public async Task Given_stock_moved_When_reloaded_Then_customers_and_items_are_back_to_the_seed()
    {
        using var app = new ShopApp();
        var client = app.CreateClient();
        await client.GetJsonAsync("/inventory/reserve/item-1");
        await client.GetJsonAsync("/inventory/reserve/item-1");
        await client.GetJsonAsync("/inventory/remove/item-1");

        var reply = await client.PostJsonAsync("/admin/reload");

        reply.Status.Should().Be(HttpStatusCode.OK);
        reply.Int("customers").Should().Be(3);
        reply.Int("items").Should().Be(3);
        var item = await client.GetJsonAsync("/inventory/describe/item-1");
        (item.Int("available"), item.Int("reserved"), item.Int("sold")).Should().Be((10, 0, 0));
        (await client.GetJsonAsync("/customer/describe/customer-3")).Text("name").Should().Be("National Gallery");
    }

    [Fact]
    public async Task Given_a_database_with_data_When_the_shop_restarts_Then_the_seed_is_not_loaded_again()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shop-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new ShopApp().With("Shop:DataFolder", folder))
            {
                (await first.CreateClient().GetJsonAsync("/inventory/reserve/item-3")).Status.Should().Be(HttpStatusCode.OK);
            }

            using var second = new ShopApp().With("Shop:DataFolder", folder);
            var item = await second.CreateClient().GetJsonAsync("/inventory/describe/item-3");

            item.Int("available").Should().Be(99);
            item.Int("reserved").Should().Be(1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Given_the_reload_endpoint_When_called_with_GET_Then_405()
    {
        using var app = new ShopApp();

        var response = await app.CreateClient().GetAsync(new Uri("/admin/reload", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }
}
