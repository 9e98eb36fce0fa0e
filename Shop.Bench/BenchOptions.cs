using System.Globalization;

namespace Shop.Bench;

internal enum OrderMode
{
    Orchestrated,
    EventDriven,
}

/// <param name="Rate">Orders offered per second (open loop), or 0 for closed-loop posters.</param>
/// <param name="Timers">Bench.Timer executions kept waiting (1-5 s) during the measured run.</param>
/// <param name="Preload">Finished executions stored before the measured run.</param>
/// <param name="Workers">Workflows:Workers of the started server (step runners), or 0 for its default.</param>
/// <param name="InFlight">Closed loop: at most this many orders placed and not yet ended; a poster waits for one to end.</param>
internal sealed record BenchOptions(Uri Url, bool Start, int Orders, int Posters, int Warmup, OrderMode Mode, double Rate,
    int Timers, int Preload, string Synchronous, int Workers = 0, int InFlight = 256)
{
    public const string Usage =
        "usage: Shop.Bench [url | --start] [--orders N] [--posters N [--in-flight N] | --rate N] [--warmup N] [--mode orchestrated|event-driven]\n" +
        "                  [--timers N] [--preload N] [--synchronous normal|full] [--workers N]\n" +
        "  --timers needs Bench:Workflows=true on a server you start yourself; --preload, --synchronous and --workers need --start.";

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(new Uri("http://127.0.0.1:5080"), false, 200, 16, 20, OrderMode.Orchestrated, 0, 0, 0, "Normal");
        for (var i = 0; i < args.Length; i++)
        {
            string? Text() => i + 1 < args.Length ? args[++i] : null;
            int Number() => int.TryParse(Text(), CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : -1;
            switch (args[i])
            {
                case "--start": options = options with { Start = true }; break;
                case "--orders": options = options with { Orders = Number() }; break;
                case "--posters": options = options with { Posters = Number() }; break;
                case "--in-flight": options = options with { InFlight = Number() }; break;
                case "--warmup": options = options with { Warmup = Number() }; break;
                case "--timers": options = options with { Timers = Number() }; break;
                case "--preload": options = options with { Preload = Number() }; break;
                case "--workers": options = options with { Workers = Number() is > 0 and var w ? w : -1 }; break;
                case "--rate":
                    options = options with { Rate = double.TryParse(Text(), CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : -1 };
                    break;
                case "--mode":
                    var mode = Text();
                    if (mode is not ("orchestrated" or "event-driven")) return null;
                    options = options with { Mode = mode == "orchestrated" ? OrderMode.Orchestrated : OrderMode.EventDriven };
                    break;
                case "--synchronous":
                    var synchronous = Text()?.ToLowerInvariant();
                    if (synchronous is not ("normal" or "full")) return null;
                    options = options with { Synchronous = synchronous == "full" ? "Full" : "Normal" };
                    break;
                case var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                    options = options with { Url = uri };
                    break;
                default: return null;
            }
        }
        var valid = options.Orders >= 1 && options.Posters >= 1 && options.InFlight >= 1 && options.Warmup >= 0 && options.Rate >= 0 && options.Timers >= 0
            && options.Preload >= 0 && options.Workers >= 0 && (options.Start || (options.Preload == 0 && options.Synchronous == "Normal" && options.Workers == 0));
        return valid ? options : null;
    }
}
