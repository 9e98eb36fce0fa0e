using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Shop.Tests.Browser;

/// <summary>
/// Every console page at 1280 px: nothing runs out of its card (a <c>.panel</c>) unless it scrolls inside it, and the
/// page itself never scrolls sideways. The pages are the navigation's and every console page they link to.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLayoutTests(BrowserFixture browser)
{
    /// <summary>Elements that end right of their card with no scrolling or clipping box between them and the card.</summary>
    private const string FindOverflows = """
        () => {
          const found = [];
          const contains = el => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
          const name = el => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`;
          // The first element of `box` (in page order) that ends right of `edge` with nothing between them that scrolls or clips.
          const firstOut = (box, edge) => {
            for (const el of box.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.right <= edge + 1) continue;
              let inside = false;
              for (let a = el.parentElement; a && a !== box.parentElement; a = a.parentElement) if (contains(a)) { inside = true; break; }
              if (!inside) return `${name(el)} ends at ${Math.round(r.right)} px`;
            }
            return null;
          };
          if (document.documentElement.scrollWidth > window.innerWidth + 1)
            found.push(`the page is ${document.documentElement.scrollWidth} px wide: ${firstOut(document.body, window.innerWidth)}`);
          for (const panel of document.querySelectorAll('.panel')) {
            const out = firstOut(panel, panel.getBoundingClientRect().right);
            if (out) found.push(`${panel.querySelector('h2')?.textContent?.trim() ?? 'a card'}: ${out}, out of its card`);
          }
          return found;
        }
        """;

    [Fact]
    public async Task Given_every_console_page_at_1280_px_When_it_is_rendered_Then_no_element_runs_out_of_its_card()
    {
        using (var client = browser.Server.CreateClient())
        {
            // Executions of every status the dashboard counts, so its tables have rows to overflow with.
            for (var i = 0; i < 3; i++)
                (await client.PostAsJsonAsync("/order", new { customerId = "customer-1", itemId = "item-1" })).EnsureSuccessStatusCode();
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        var pages = await LinksAsync(page, "header.topbar nav a");
        pages.Should().Contain(["/", "/admin/executions", "/admin/events"]);
        foreach (var href in pages.ToList())
        {
            await page.GotoAsync(href, new() { Timeout = 60_000 });
            foreach (var link in await LinksAsync(page, "main a"))
                if (!pages.Contains(link) && pages.Count < 40) pages.Add(link);
        }

        var overflows = new List<string>();
        foreach (var href in pages)
        {
            var response = await page.GotoAsync(href, new() { Timeout = 60_000 });
            if (response is null || response.Status >= 400) continue;
            // A drawn graph takes its size once Mermaid has run.
            if (await page.Locator(".mermaid").CountAsync() > 0)
                await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mermaid')].every(m => m.querySelector('svg'))", null, new() { Timeout = 60_000 });
            overflows.AddRange((await page.EvaluateAsync<string[]>(FindOverflows)).Select(o => $"{href}: {o}"));
        }

        pages.Should().Contain(p => p.StartsWith("/admin/executions/", StringComparison.Ordinal), "an execution's page is among those checked");
        overflows.Should().BeEmpty();

        // The dashboard's own table fits without scrolling: every status column in sight (ABORTED was cut off at 1400 px).
        await page.GotoAsync("/");
        var executionsFit = await page.EvaluateAsync<bool>("""
            () => { const table = document.getElementById('execution-counts'), card = table.closest('.panel');
                    return table.getBoundingClientRect().right <= card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight) + 1; }
            """);
        executionsFit.Should().BeTrue("the dashboard's executions table shows every status without scrolling");
    }

    /// <summary>Console pages only (the root and /admin), without query strings, in page order.</summary>
    private static async Task<List<string>> LinksAsync(IPage page, string selector)
    {
        var hrefs = await page.Locator(selector).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href') ?? '')");
        return hrefs.Select(h => h.Split('?', '#')[0])
            .Where(h => h == "/" || h.StartsWith("/admin/", StringComparison.Ordinal) || h == "/admin")
            .Distinct().ToList();
    }
}
