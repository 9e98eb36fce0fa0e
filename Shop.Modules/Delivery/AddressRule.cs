using Shop.Modules.Kernel.Http;

namespace Shop.Modules.Delivery;

/// <summary>An address comes from a URL path: printable text of up to 200 characters.</summary>
internal static class AddressRule
{
    public static string Require(string? address)
    {
        var text = Kernel.Http.Require.Text(address, "address", 200);
        if (text.Any(char.IsControl)) throw new InvalidInputException("address", "'address' must not contain control characters.");
        return text;
    }
}
