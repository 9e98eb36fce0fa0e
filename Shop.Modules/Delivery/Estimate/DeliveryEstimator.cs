using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Shop.Modules.Delivery.Contracts;
using Shop.Modules.Kernel.SampleData;

namespace Shop.Modules.Delivery.Estimate;

/// <summary>
/// The seed asks Amazon Location for a route from the shop to the address. Offline and deterministic here:
/// <list type="bullet">
/// <item>Known places (seed/places.json, matched on the normalised address: trimmed, whitespace collapsed,
/// case ignored): the great-circle (haversine) distance from <see cref="Origin"/>.</item>
/// <item>Any other address: a distance of 1 to 30 km taken from a stable hash of the normalised address,
/// 1 + (first 4 bytes of its SHA-256, little-endian, mod 29000) / 1000 km. The same address always costs
/// the same, and no address is free or absurdly far.</item>
/// </list>
/// Duration is the distance at an average city speed of <see cref="CitySpeedKmh"/> km/h, and the price
/// follows the seed: round(durationSeconds) / 100.
/// </summary>
internal sealed partial class DeliveryEstimator(SampleDataSettings settings)
{
    public const string Origin = "60 Holborn Viaduct, London EC1A 2FD, UK";
    public const double CitySpeedKmh = 15;
    private const double EarthRadiusKm = 6371.0088;

    private readonly Lazy<Dictionary<string, Place>> _places = new(() =>
        SeedFile.Read<Place>(settings.SeedFolder, "places.json").ToDictionary(p => Normalise(p.Address), p => p));

    public DeliveryEstimate Estimate(string address)
    {
        var key = Normalise(address);
        var origin = _places.Value.GetValueOrDefault(Normalise(Origin)) ?? DefaultOrigin;
        var (distance, method) = _places.Value.TryGetValue(key, out var place)
            ? (Haversine(origin, place), "known-place")
            : (HashedDistance(key), "address-hash");
        distance = Math.Round(distance, 3);
        var durationSeconds = Math.Round(distance / CitySpeedKmh * 3600, 1);
        var price = decimal.Round((decimal)durationSeconds, 0, MidpointRounding.AwayFromZero) / 100m;
        return new DeliveryEstimate(address, distance, "Kilometers", durationSeconds, price, method);
    }

    internal static string Normalise(string address) => Whitespace().Replace(address.Trim(), " ").ToUpperInvariant();

    private static double HashedDistance(string normalised)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalised));
        return 1 + BinaryPrimitives.ReadUInt32LittleEndian(hash) % 29000 / 1000.0;
    }

    private static double Haversine(Place a, Place b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Used when places.json lacks the origin, so estimates never depend on the file being complete.</summary>
    private static readonly Place DefaultOrigin = new(Origin, 51.5174, -0.1053);

    private sealed record Place(string Address, double Latitude, double Longitude);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
