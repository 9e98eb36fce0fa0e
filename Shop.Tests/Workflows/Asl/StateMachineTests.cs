using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Workflows.Asl;

/// <summary>ASL state machines through REST and IStateMachines: validation, revisions, files loaded at start.</summary>
public sealed class StateMachineTests : IDisposable
{
    private const string Hello = """{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('Hello, {}!', $.name)"},"End":true}}}""";
    private const string Bye = """{"StartAt":"Bye","States":{"Bye":{"Type":"Pass","Result":"bye","End":true}}}""";

    private readonly ShopApp _app = new();
    private readonly HttpClient _client;

    public StateMachineTests() => _client = _app.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private Task<HttpResponseMessage> PutAsync(string name, string document) =>
        _client.PutAsync($"/workflows/{name}", new StringContent(document, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Given_a_new_ASL_document_When_put_Then_201_and_an_execution_runs_it()
    {
        var created = await PutAsync("hello", Hello);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var id = await _client.StartAsync("hello", new { name = "Ada" });
        var execution = await _client.WaitForStatusAsync(id, "SUCCEEDED");

        execution["output"]!["greeting"]!.GetValue<string>().Should().Be("Hello, Ada!");
        var definition = await _client.GetFromJsonAsync<JsonObject>("/workflows/hello/definition");
        definition!["revision"]!.GetValue<int>().Should().Be(1);
        definition["type"]!.GetValue<string>().Should().Be("STANDARD");
    }

    [Fact]
    public async Task Given_an_existing_machine_When_put_again_with_another_document_Then_200_and_the_next_revision()
    {
        (await PutAsync("greeter", Hello)).StatusCode.Should().Be(HttpStatusCode.Created);

        var updated = await PutAsync("greeter", Bye);

        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var definition = await _client.GetFromJsonAsync<JsonObject>("/workflows/greeter/definition");
        definition!["revision"]!.GetValue<int>().Should().Be(2);
        var id = await _client.StartAsync("greeter");
        (await _client.WaitForStatusAsync(id, "SUCCEEDED"))["output"]!.GetValue<string>().Should().Be("bye");
    }

    [Theory]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass"}}}""", "'A'", "'Next'")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""", "'A'", "'Next'")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Succeed"}}}""", "'B'", "not reachable")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Dance","End":true}}}""", "'A'", "'Type'")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"x.y","End":true}}}""", "'A'", "'InputPath'")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Nope(1)"},"End":true}}}""", "'A'", "'Parameters'")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::nothing:here","End":true}}}""", "'A'", "arn:aws:states:::nothing:here")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"End":true}}}""", "'A'", "States.ALL")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}""", "QueryLanguage", "JSONata")]
    public async Task Given_an_invalid_document_When_put_Then_400_naming_the_state_and_the_field_and_nothing_is_stored(string document, string state, string field)
    {
        var response = await PutAsync("broken", document);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["detail"]!.GetValue<string>().Should().Contain(state).And.Contain(field);
        (await _client.GetAsync("/workflows/broken/definition")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_machine_When_deleted_Then_it_is_gone_and_can_be_created_again()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var machines = scope.ServiceProvider.GetRequiredService<IStateMachines>();
        await machines.CreateAsync("temp", Hello);

        (await machines.DeleteAsync("temp")).Should().BeTrue();

        (await machines.GetAsync("temp")).Should().BeNull();
        (await machines.CreateAsync("temp", Bye)).Revision.Should().Be(2);
        var again = () => machines.CreateAsync("temp", Hello);
        await again.Should().ThrowAsync<StateMachineAlreadyExistsException>();
    }
}
