using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Shop.Modules.Kernel.Settings;

/// <summary>
/// The seeds' own environment variables, fed into the settings they stand for. Seed 000's knob is
/// <c>PAYMENT_FAIL_PROBABILITY</c> ("by default that's equal to 0.2"); when set, it wins over
/// <c>Payments:FailProbability</c> from appsettings.json, the environment and the command line (the reader of the
/// seed sets this variable and expects it to count). A change on the settings page still wins over both.
/// </summary>
public static class SeedEnvironment
{
    public const string PaymentFailProbability = "PAYMENT_FAIL_PROBABILITY";

    /// <summary>Adds the seeds' variables as a configuration source; call it after every other source but the run-time one.</summary>
    public static IConfigurationBuilder AddSeedEnvironment(this IConfigurationBuilder configuration, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string?>();
        if (environment(PaymentFailProbability) is { Length: > 0 } text)
        {
            // A typo here would silently fall back to 0.2: refuse to start instead, saying what was wrong.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !double.IsFinite(p) || p is < 0 or > 1)
                throw new InvalidOperationException($"{PaymentFailProbability} must be a number from 0 to 1 (e.g. 0.2), not '{text}'.");
            values["Payments:FailProbability"] = p.ToString("R", CultureInfo.InvariantCulture);
        }
        return configuration.AddInMemoryCollection(values);
    }
}
