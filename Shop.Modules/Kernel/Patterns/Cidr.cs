using System.Globalization;
using System.Net;
using System.Text.Json;

// The cidr operator: address parsing and prefix masks are a topic of their own.
namespace Shop.Modules.Kernel.Patterns;

/// <summary>IPv4 or IPv6 range; the event value must be an address string of the same family.</summary>
internal sealed class Cidr(byte[] network, int bits) : ValueMatcher
{
    public static Cidr Parse(string text, string path)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!addressText.Contains('.', StringComparison.Ordinal) && !addressText.Contains(':', StringComparison.Ordinal)
            || !IPAddress.TryParse(addressText, out var address))
            throw PatternParser.Error(path, $"cidr \"{text}\" is not an IP address or range like 10.0.0.0/24");
        var bytes = address.GetAddressBytes();
        var bits = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > bytes.Length * 8))
            throw PatternParser.Error(path, $"cidr \"{text}\" has an invalid prefix length; expected 0 to {bytes.Length * 8}");
        return new Cidr(bytes, bits);
    }

    public override bool Matches(in Leaf leaf)
    {
        if (leaf.Kind != JsonValueKind.String || !IPAddress.TryParse(leaf.Text, out var address)) return false;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length) || length != network.Length) return false;
        var full = bits / 8;
        if (!bytes[..full].SequenceEqual(network.AsSpan(0, full))) return false;
        var rest = bits % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
