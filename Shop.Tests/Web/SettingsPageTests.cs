using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Kernel.Settings;
using Shop.Modules.Workflows;
using Shop.Tests.Infrastructure;
using Shop.Tests.Workflows;

namespace Shop.Tests.Web;

public sealed class SettingsPageTests : IDisposable
{
    private const string Page = "/admin/settings";
    private readonly ShopApp _app = new ShopApp().WithTestWorkflows();
    private readonly HttpClient _client;

    public SettingsPageTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private string? Setting(string key) => _app.Services.GetRequiredService<IConfiguration>()[key];

    private static Dictionary<string, string> Form(string probability, string timeScale) =>
        new() { ["FailProbability"] = probability, ["TimeScale"] = timeScale };

    [Theory]
    [InlineData("1.5", "1", "FailProbability")]
    [InlineData("-0.1", "1", "FailProbability")]
    [InlineData("often", "1", "FailProbability")]
    [InlineData("0.5", "0", "TimeScale")]
    [InlineData("0.5", "-2", "TimeScale")]
    [InlineData("0.5", "fast", "TimeScale")]
    [InlineData("0.5", "NaN", "TimeScale")]
    public async Task Given_an_invalid_value_When_the_settings_are_applied_Then_the_error_is_on_its_field_and_nothing_changes(string probability, string timeScale, string field)
    {
        var html = await _client.PostFormForHtmlAsync(Page, null, Form(probability, timeScale));

        html.Should().Contain($"data-valmsg-for=\"{field}\"").And.Contain("Must be a number");
        html.Should().Contain("field-validation-error\" data-valmsg-for=\"" + field);
        _app.Services.GetRequiredService<RuntimeSettings>().Overrides.Should().BeEmpty();
        Setting("Payments:FailProbability").Should().Be("0");
    }

    [Fact]
    public async Task Given_valid_values_When_applied_Then_every_reader_sees_them_and_the_page_marks_them_changed()
    {
        var html = await _client.PostFormForHtmlAsync(Page, null, Form("1", "0.5"));

        html.Should().Contain("Settings changed").And.Contain("changed at run time");
        Setting("Payments:FailProbability").Should().Be("1");
        Setting("Workflows:TimeScale").Should().Be("0.5");
        // The payments module reads the probability at use time: with 1, every payment is declined.
        var payment = await _client.GetAsync(new Uri("/payment/pay/10", UriKind.Relative));
        payment.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the seed's answer to a declined payment");
        ((string)(await payment.Content.ReadFromJsonAsync<JsonObject>())!["payment"]!["status"]!).Should().Be("FAILED");

        await _client.PostFormForHtmlAsync(Page, "Reset", new Dictionary<string, string>());
        Setting("Payments:FailProbability").Should().Be("0");
    }

    [Fact]
    public async Task Given_the_time_scale_changed_at_run_time_When_a_workflow_then_waits_Then_its_timers_use_the_new_scale()
    {
        await _client.PostFormForHtmlAsync(Page, null, Form("0", "0.001"));

        var id = await _client.StartAsync("Test.Slow");

        // Test.Slow times out after 30 s; scaled by 0.001 (read when the deadline is set, not at start-up) it is 0.03 s.
        await _client.WaitForStatusAsync(id, ExecutionStatus.TimedOut, seconds: 8);
    }

    [Fact]
    public async Task Given_the_settings_page_Then_it_shows_the_effective_settings_and_links_to_hangfire_and_scalar()
    {
        var html = await _client.GetStringAsync(new Uri(Page, UriKind.Relative));

        html.Should().Contain("Workflows:TimeScale").And.Contain("Payments:FailProbability")
            .And.Contain("href=\"/hangfire\"").And.Contain("href=\"/scalar\"")
            .And.Contain("Coffee settings: see");
    }
}
