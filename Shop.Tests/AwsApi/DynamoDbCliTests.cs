using System.Text.Json.Nodes;
using FluentAssertions;
using Shop.Tests.Browser;
using Shop.Tests.Infrastructure;
using Xunit;

namespace Shop.Tests.AwsApi;

/// <summary>One started Shop.Web for the DynamoDB CLI tests (each test uses its own tables).</summary>
public sealed class DynamoDbServerFixture : IAsyncLifetime
{
    public ShopServer Server { get; private set; } = null!;

    public AwsCli Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ShopServer.StartAsync();
        Cli = new AwsCli(Server.BaseAddress);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The real AWS CLI (Debian's awscli v1) against the shop's DynamoDB JSON 1.0 API.</summary>
public sealed class DynamoDbCliTests(DynamoDbServerFixture fixture) : IClassFixture<DynamoDbServerFixture>
{
    private Task<AwsCliResult> Aws(params string[] args) => fixture.Cli.RunAsync(["dynamodb", .. args]);

    private async Task<JsonNode> Ok(params string[] args)
    {
        var result = await Aws(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Json;
    }

    private async Task CreateAsync(string table) => await Ok("create-table", "--table-name", table,
        "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
        "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE", "--billing-mode", "PAY_PER_REQUEST");

    [Fact]
    public async Task Given_a_new_table_When_driven_by_the_cli_Then_items_are_put_read_updated_scanned_queried_and_deleted()
    {
        var created = await Ok("create-table", "--table-name", "cli-items",
            "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
            "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE", "--billing-mode", "PAY_PER_REQUEST");
        await Ok("put-item", "--table-name", "cli-items", "--item", """{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1"}}""");
        await Ok("put-item", "--table-name", "cli-items", "--item", """{"pk":{"S":"a"},"sk":{"N":"2"},"n":{"N":"5"}}""");

        var got = await Ok("get-item", "--table-name", "cli-items", "--key", """{"pk":{"S":"a"},"sk":{"N":"1"}}""");
        var updated = await Ok("update-item", "--table-name", "cli-items", "--key", """{"pk":{"S":"a"},"sk":{"N":"1"}}""",
            "--update-expression", "SET n = n + :d, #s = :s", "--expression-attribute-names", """{"#s":"status"}""",
            "--expression-attribute-values", """{":d":{"N":"2"},":s":{"S":"ok"}}""", "--return-values", "UPDATED_NEW");
        var scanned = await Ok("scan", "--table-name", "cli-items", "--filter-expression", "n > :x", "--expression-attribute-values", """{":x":{"N":"2"}}""");
        var queried = await Ok("query", "--table-name", "cli-items", "--key-condition-expression", "pk = :p AND sk >= :s",
            "--expression-attribute-values", """{":p":{"S":"a"},":s":{"N":"2"}}""", "--no-scan-index-forward");
        var deleted = await Ok("delete-item", "--table-name", "cli-items", "--key", """{"pk":{"S":"a"},"sk":{"N":"2"}}""", "--return-values", "ALL_OLD");
        var described = await Ok("describe-table", "--table-name", "cli-items");
        var listed = await Ok("list-tables");

        created["TableDescription"]!["TableStatus"]!.GetValue<string>().Should().Be("ACTIVE");
        created["TableDescription"]!["TableArn"]!.GetValue<string>().Should().Be("arn:aws:dynamodb:us-east-1:000000000000:table/cli-items");
        got["Item"]!.ToJsonString().Should().Be("""{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1"}}""");
        updated["Attributes"]!.ToJsonString().Should().Be("""{"n":{"N":"3"},"status":{"S":"ok"}}""");
        scanned["Count"]!.GetValue<int>().Should().Be(2);
        scanned["ScannedCount"]!.GetValue<int>().Should().Be(2);
        queried["Items"]!.AsArray().Select(i => i!["sk"]!["N"]!.GetValue<string>()).Should().Equal("2");
        deleted["Attributes"]!["n"]!["N"]!.GetValue<string>().Should().Be("5");
        described["Table"]!["ItemCount"]!.GetValue<int>().Should().Be(1);
        described["Table"]!["KeySchema"]!.ToJsonString().Should().Be("""[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]""");
        listed["TableNames"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(["cli-items", "orders"]);
    }

    [Fact]
    public async Task Given_bad_requests_When_sent_by_the_cli_Then_DynamoDB_error_codes_and_nothing_changes()
    {
        await CreateAsync("cli-errors");
        await Ok("put-item", "--table-name", "cli-errors", "--item", """{"pk":{"S":"a"},"sk":{"N":"1"}}""");

        var again = await Aws("create-table", "--table-name", "cli-errors", "--attribute-definitions", "AttributeName=pk,AttributeType=S",
            "--key-schema", "AttributeName=pk,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        var missing = await Aws("get-item", "--table-name", "no-such-table", "--key", """{"pk":{"S":"a"}}""");
        var describeMissing = await Aws("describe-table", "--table-name", "no-such-table");
        var conditional = await Aws("put-item", "--table-name", "cli-errors", "--item", """{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"S":"new"}}""",
            "--condition-expression", "attribute_not_exists(pk)");
        var badKey = await Aws("get-item", "--table-name", "cli-errors", "--key", """{"pk":{"S":"a"}}""");
        var badExpression = await Aws("update-item", "--table-name", "cli-errors", "--key", """{"pk":{"S":"a"},"sk":{"N":"1"}}""",
            "--update-expression", "SET x = :undefined");

        again.Stderr.Should().Contain("ResourceInUseException");
        missing.Stderr.Should().Contain("ResourceNotFoundException");
        describeMissing.Stderr.Should().Contain("ResourceNotFoundException");
        conditional.Stderr.Should().Contain("ConditionalCheckFailedException").And.Contain("The conditional request failed");
        badKey.Stderr.Should().Contain("ValidationException").And.Contain("does not match the schema");
        badExpression.Stderr.Should().Contain("ValidationException").And.Contain(":undefined");
        new[] { again, missing, describeMissing, conditional, badKey, badExpression }.Should().OnlyContain(r => r.ExitCode != 0);
        (await Ok("get-item", "--table-name", "cli-errors", "--key", """{"pk":{"S":"a"},"sk":{"N":"1"}}"""))["Item"]!["x"].Should().BeNull();
    }

    [Fact]
    public async Task Given_a_bad_request_When_posted_raw_Then_the_type_is_qualified_as_DynamoDB_answers()
    {
        using var client = fixture.Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"TableName":"nope"}""") };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.DescribeTable");

        var response = await client.SendAsync(request);

        ((int)response.StatusCode).Should().Be(400);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>()
            .Should().Be("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    }

    [Fact]
    public async Task Given_seed_003s_config_table_When_its_item_is_put_with_the_cli_Then_get_item_reads_open_true()
    {
        // Seed 003 step 2: "PK vom Typ String = config, open vom Typ Boolean = true" in sw-config-table.
        await Ok("create-table", "--table-name", "sw-config-table", "--attribute-definitions", "AttributeName=PK,AttributeType=S",
            "--key-schema", "AttributeName=PK,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");

        await Ok("put-item", "--table-name", "sw-config-table", "--item", """{"PK": {"S": "config"}, "open": {"BOOL": true}}""");

        var item = await Ok("get-item", "--table-name", "sw-config-table", "--key", """{"PK": {"S": "config"}}""");
        item["Item"]!["open"]!["BOOL"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Given_the_orders_table_When_an_order_item_is_put_with_the_cli_Then_order_describe_shows_it()
    {
        await Ok("put-item", "--table-name", "orders", "--item", """
            {"customerId":{"S":"customer-1"},"orderId":{"S":"cli-order-1"},"orderStatus":{"S":"PAYMENT_FAILED"},"itemId":{"S":"item-1"},
             "itemPrice":{"N":"10"},"deliveryPrice":{"N":"2.5"},"totalPrice":{"N":"12.5"}}
            """);

        using var client = fixture.Server.CreateClient();
        var order = JsonNode.Parse(await client.GetStringAsync("/order/describe/customer-1/cli-order-1"))!;

        order["status"]!.GetValue<string>().Should().Be("PAYMENT_FAILED");
        order["total"]!.GetValue<decimal>().Should().Be(12.5m);
    }
}
