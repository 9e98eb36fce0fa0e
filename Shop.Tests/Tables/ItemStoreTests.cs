using System.Text.Json.Nodes;
using FluentAssertions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Orders.Contracts;
using Shop.Modules.Tables.Contracts;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.Tables;

/// <summary>The local item store through its mediator requests, on a real SQLite file.</summary>
public sealed class ItemStoreTests : IDisposable
{
    private readonly ShopApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        _app.CreateClient();
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    private static ExpressionArguments Args(string values, Dictionary<string, string>? names = null) => new(names, Json(values));

    private async Task CreateCountersAsync()
    {
        await SendAsync(new CreateTable("counters", new KeyAttribute("pk", "S"), new KeyAttribute("sk", "N")));
        await SendAsync(new PutItem("counters", Json("""{"pk":{"S":"a"},"sk":{"N":"1"},"count":{"N":"5"},"tags":{"SS":["x"]},"info":{"M":{"color":{"S":"red"}}}}""")));
    }

    private async Task<JsonObject?> GetAsync(string pk = "a", int sk = 1) =>
        (await SendAsync(new GetItem("counters", Json($$$"""{"pk":{"S":"{{{pk}}}"},"sk":{"N":"{{{sk}}}"}}""")))).Item;

    [Fact]
    public async Task Given_an_item_When_updated_with_set_arithmetic_if_not_exists_remove_and_add_Then_all_new_is_the_new_item()
    {
        await CreateCountersAsync();

        var result = await SendAsync(new UpdateItem("counters", Json("""{"pk":{"S":"a"},"sk":{"N":"1.0"}}"""),
            "SET #c = #c + :one, seen = if_not_exists(seen, :zero), info.size = :big REMOVE info.color ADD tags :more, visits :one",
            Arguments: Args("""{":one":{"N":"1"},":zero":{"N":"0"},":big":{"S":"L"},":more":{"SS":["y","x"]}}""", new() { ["#c"] = "count" }),
            ReturnValues: ReturnValues.AllNew));

        result.Item!.ToJsonString().Should().Be(
            """{"pk":{"S":"a"},"sk":{"N":"1"},"count":{"N":"6"},"tags":{"SS":["x","y"]},"info":{"M":{"size":{"S":"L"}}},"seen":{"N":"0"},"visits":{"N":"1"}}""");
        (await GetAsync())!.ToJsonString().Should().Be(result.Item.ToJsonString());
    }

    [Fact]
    public async Task Given_an_item_When_a_condition_fails_Then_ConditionalCheckFailedException_and_nothing_changes()
    {
        await CreateCountersAsync();
        var before = (await GetAsync())!.ToJsonString();

        var put = () => SendAsync(new PutItem("counters", Json("""{"pk":{"S":"a"},"sk":{"N":"1"}}"""), "attribute_not_exists(pk)"));
        var update = () => SendAsync(new UpdateItem("counters", Json("""{"pk":{"S":"a"},"sk":{"N":"1"}}"""), "SET #c = :v",
            "#c > :v AND NOT contains(tags, :t)", Args("""{":v":{"N":"10"},":t":{"S":"x"}}""", new() { ["#c"] = "count" })));

        (await put.Should().ThrowAsync<TableException>()).Which.ErrorCode.Should().Be(TableErrors.ConditionalCheckFailed);
        (await update.Should().ThrowAsync<TableException>()).Which.ErrorCode.Should().Be(TableErrors.ConditionalCheckFailed);
        (await GetAsync())!.ToJsonString().Should().Be(before);
    }

    [Theory]
    [InlineData("attribute_exists(info.color) AND size(tags) = :one", true)]
    [InlineData("#c BETWEEN :one AND :ten OR attribute_type(#c, :s)", true)]
    [InlineData("#c IN (:one, :ten)", false)]
    [InlineData("begins_with(info.color, :r) AND (#c >= :ten OR #c <> :one)", true)]
    [InlineData("NOT attribute_exists(missing) AND missing <> :one", true)]
    public async Task Given_an_item_When_a_condition_is_evaluated_Then_it_holds_as_DynamoDB_says(string condition, bool holds)
    {
        await CreateCountersAsync();
        var names = condition.Contains("#c") ? new Dictionary<string, string> { ["#c"] = "count" } : null;
        var values = new JsonObject();
        foreach (var (name, value) in new Dictionary<string, string> { [":one"] = """{"N":"1"}""", [":ten"] = """{"N":"10"}""", [":s"] = """{"S":"N"}""", [":r"] = """{"S":"re"}""" })
            if (condition.Contains(name)) values[name] = JsonNode.Parse(value);

        var delete = () => SendAsync(new DeleteItem("counters", Json("""{"pk":{"S":"a"},"sk":{"N":"1"}}"""), condition, new(names, values)));

        if (holds) await delete.Should().NotThrowAsync();
        else await delete.Should().ThrowAsync<TableException>();
        (await GetAsync() is null).Should().Be(holds);
    }

    [Theory]
    [InlineData("SET a = :nope", "not defined")]
    [InlineData("SET a = :v, a = :v", "overlap")]
    [InlineData("SET pk = :v", "part of the key")]
    [InlineData("SET a = missing + :v", "does not exist")]
    [InlineData("SET a = count + :s", "incorrect data type")]
    [InlineData("SET a = = :v", "Syntax error")]
    public async Task Given_a_bad_update_expression_When_updating_Then_ValidationException_names_it(string update, string message)
    {
        await CreateCountersAsync();
        var values = Json("""{":v":{"N":"1"}}""");
        if (update.Contains(":s")) values = Json("""{":s":{"S":"x"}}""");

        var act = () => SendAsync(new UpdateItem("counters", Json("""{"pk":{"S":"a"},"sk":{"N":"1"}}"""), update, Arguments: new(null, values)));

        var error = (await act.Should().ThrowAsync<TableException>()).Which;
        error.ErrorCode.Should().Be(TableErrors.Validation);
        error.Message.Should().Contain(message);
    }

    [Fact]
    public async Task Given_items_When_queried_by_key_Then_range_order_by_number_filter_limit_and_pages()
    {
        await SendAsync(new CreateTable("series", new KeyAttribute("pk", "S"), new KeyAttribute("n", "N")));
        foreach (var n in new[] { 10, 2, 33, 4, 1 })
            await SendAsync(new PutItem("series", Json($$$"""{"pk":{"S":"a"},"n":{"N":"{{{n}}}"},"odd":{"BOOL":{{{(n % 2 == 1 ? "true" : "false")}}}}}""")));
        await SendAsync(new PutItem("series", Json("""{"pk":{"S":"b"},"n":{"N":"3"}}""")));

        var all = await SendAsync(new Query("series", "pk = :p AND n >= :min", Arguments: Args("""{":p":{"S":"a"},":min":{"N":"2"}}""")));
        var first = await SendAsync(new Query("series", "pk = :p", Arguments: Args("""{":p":{"S":"a"}}"""), Limit: 2, Forward: false));
        var next = await SendAsync(new Query("series", "pk = :p", "odd = :t", Arguments: Args("""{":p":{"S":"a"},":t":{"BOOL":true}}"""),
            ExclusiveStartKey: first.LastEvaluatedKey, Forward: false));

        all.Items.Select(i => (string)i["n"]!["N"]!).Should().Equal("2", "4", "10", "33");
        first.Items.Select(i => (string)i["n"]!["N"]!).Should().Equal("33", "10");
        next.Items.Select(i => (string)i["n"]!["N"]!).Should().Equal("1");
        next.ScannedCount.Should().Be(3);
        next.LastEvaluatedKey.Should().BeNull();
    }

    [Fact]
    public async Task Given_items_When_scanned_with_a_limit_Then_pages_join_up_and_the_projection_applies()
    {
        await CreateCountersAsync();
        await SendAsync(new PutItem("counters", Json("""{"pk":{"S":"b"},"sk":{"N":"1"},"count":{"N":"1"}}""")));
        await SendAsync(new PutItem("counters", Json("""{"pk":{"S":"c"},"sk":{"N":"1"},"count":{"N":"7"}}""")));

        var first = await SendAsync(new Scan("counters", Projection: "pk, info.color", Limit: 2));
        var second = await SendAsync(new Scan("counters", "#c > :one", Arguments: Args("""{":one":{"N":"1"}}""", new() { ["#c"] = "count" }),
            ExclusiveStartKey: first.LastEvaluatedKey));

        first.Items.Select(i => i.ToJsonString()).Should().Equal("""{"pk":{"S":"a"},"info":{"M":{"color":{"S":"red"}}}}""", """{"pk":{"S":"b"}}""");
        second.Items.Select(i => (string)i["pk"]!["S"]!).Should().Equal("c");
        second.LastEvaluatedKey.Should().BeNull();
    }

    [Fact]
    public async Task Given_tables_When_created_twice_described_listed_and_deleted_Then_as_DynamoDB()
    {
        (await SendAsync(new TableExists("things"))).Should().BeFalse();
        await SendAsync(new CreateTable("things", new KeyAttribute("id", "S")));
        (await SendAsync(new TableExists("things"))).Should().BeTrue();
        (await SendAsync(new TableExists("x"))).Should().BeFalse("a malformed name names no table");
        var again = () => SendAsync(new CreateTable("things", new KeyAttribute("id", "S")));
        await SendAsync(new PutItem("things", Json("""{"id":{"S":"1"}}""")));

        (await again.Should().ThrowAsync<TableException>()).Which.ErrorCode.Should().Be(TableErrors.ResourceInUse);
        (await SendAsync(new DescribeTable("things"))).ItemCount.Should().Be(1);
        (await SendAsync(new ListTables())).Names.Should().Equal("orders", "things");
        await SendAsync(new DeleteTable("things"));
        (await SendAsync(new TableExists("things"))).Should().BeFalse();
        var describe = () => SendAsync(new DescribeTable("things"));
        (await describe.Should().ThrowAsync<TableException>()).Which.ErrorCode.Should().Be(TableErrors.ResourceNotFound);
        var put = () => SendAsync(new PutItem("things", Json("""{"id":{"S":"1"}}""")));
        (await put.Should().ThrowAsync<TableException>()).Which.ErrorCode.Should().Be(TableErrors.ResourceNotFound);
    }

    [Theory]
    [InlineData("""{"id":{"N":"1"}}""", "Type mismatch")]
    [InlineData("""{"other":{"S":"1"}}""", "Missing the key id")]
    [InlineData("""{"id":{"S":"1"},"x":{"N":"abc"}}""", "not a number")]
    [InlineData("""{"id":{"S":"1"},"x":{"SS":[]}}""", "empty set")]
    [InlineData("""{"id":{"S":"1"},"x":{"Q":"1"}}""", "unknown attribute value type")]
    public async Task Given_a_malformed_item_When_put_Then_ValidationException(string item, string message)
    {
        await SendAsync(new CreateTable("things", new KeyAttribute("id", "S")));

        var put = () => SendAsync(new PutItem("things", Json(item)));

        (await put.Should().ThrowAsync<TableException>()).Which.Message.Should().Contain(message);
        (await SendAsync(new DescribeTable("things"))).ItemCount.Should().Be(0);
    }

    [Fact]
    public async Task Given_the_orders_table_When_an_order_item_is_put_and_updated_Then_the_Orders_module_shows_the_order()
    {
        await SendAsync(new PutItem("orders", Json("""
            {"customerId":{"S":"customer-1"},"orderId":{"S":"2026-12-02T10:00:00Z"},"orderStatus":{"S":"DELIVERING"},"itemId":{"S":"item-1"},
             "itemPrice":{"N":"12.5"},"deliveryPrice":{"N":"3"},"totalPrice":{"N":"15.5"},"paymentId":{"S":"pay-1"},"deliveryAddress":{"S":"Main St 1"}}
            """)));
        await SendAsync(new UpdateItem("orders", Json("""{"customerId":{"S":"customer-1"},"orderId":{"S":"2026-12-02T10:00:00Z"}}"""),
            "SET orderStatus = :s", Arguments: Args("""{":s":{"S":"DELIVERED"}}""")));

        var order = await SendAsync(new DescribeOrder("customer-1", "2026-12-02T10:00:00Z"));

        order.Status.Should().Be(OrderStatus.Delivered);
        order.Total.Should().Be(15.5m);
        order.PaymentId.Should().Be("pay-1");
        var bad = () => SendAsync(new PutItem("orders", Json("""{"customerId":{"S":"c"},"orderId":{"S":"o"}}""")));
        (await bad.Should().ThrowAsync<TableException>()).Which.Message.Should().Contain("itemId");
    }
}
