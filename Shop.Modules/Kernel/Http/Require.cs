using System.Text.RegularExpressions;

namespace Shop.Modules.Kernel.Http;

/// <summary>Validation of values that come from outside; each failure names the field.</summary>
public static partial class Require
{
    /// <summary>An identifier: 1-100 letters, digits, '-', '_', '.', ':' (no spaces, no slashes).</summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidInputException(field, $"'{field}' is required.");
        if (value.Length > 100 || !IdPattern().IsMatch(value))
            throw new InvalidInputException(field, $"'{field}' must be 1-100 characters of letters, digits, '-', '_', '.' or ':'.");
        return value;
    }

    public static string Text(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidInputException(field, $"'{field}' is required.");
        if (value.Length > maxLength) throw new InvalidInputException(field, $"'{field}' must be at most {maxLength} characters.");
        return value.Trim();
    }

    public static decimal PositiveAmount(string? value, string field)
    {
        if (!decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > 1_000_000_000m)
            throw new InvalidInputException(field, $"'{field}' must be a positive number up to 1000000000, e.g. 12.50.");
        return decimal.Round(amount, 2);
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> inside <paramref name="folder"/>; refuses one that would land
    /// outside it (<c>..</c>, a rooted path), so no id that becomes a file name can write elsewhere.
    /// </summary>
    public static string PathUnder(string folder, string relative, string field)
    {
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(relative) || !full.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidInputException(field, $"'{field}' would make a path outside the shop's folder.");
        return full;
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex IdPattern();
}
