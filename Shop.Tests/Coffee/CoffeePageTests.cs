using Shop.Tests.Infrastructure;

namespace Shop.Tests.Coffee;

public sealed class CoffeePageTests
{
    [Fact]
    public async Task Given_waiting_and_timed_out_drinks_When_the_board_is_shown_Then_waiting_come_oldest_first_and_timed_out_ones_say_so()
    {
        using var app = new ShopApp().With("Workflows:TimeScale", "0.001");
        var client = app.CreateClient();
        await client.PlaceCoffeeAsync("late-1");
        await client.WaitForDrinkAsync("late-1", "timed_out", seconds: 10);
        using var slowApp = new ShopApp();
        var slow = slowApp.CreateClient();
        await slow.PlaceCoffeeAsync("first-1");
        await slow.WaitForDrinkAsync("first-1", "waiting");
        await slow.PlaceCoffeeAsync("second-1");
        await slow.WaitForDrinkAsync("second-1", "waiting");

        var page = await client.GetStringAsync(new Uri("/admin/coffee", UriKind.Relative));
        var board = await slow.GetStringAsync(new Uri("/admin/coffee?handler=Board", UriKind.Relative));

        page.Should().Contain("<h1>Coffee</h1>").And.Contain("hx-get=\"/admin/coffee?handler=Board\"").And.Contain("timed out");
        board.Should().NotContain("<html").And.Contain("2 drink(s) in progress");
        board.IndexOf("first-1", StringComparison.Ordinal).Should().BeLessThan(board.IndexOf("second-1", StringComparison.Ordinal));
        board.Should().Contain("__RequestVerificationToken", "the Complete and Still working forms carry antiforgery tokens");
    }
}
