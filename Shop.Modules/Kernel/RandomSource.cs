namespace Shop.Modules.Kernel;

/// <summary>Where chance comes from (payment failures); tests seed or replace it.</summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}

/// <summary>System.Random, seeded when <c>Shop:RandomSeed</c> is set; thread-safe.</summary>
public sealed class SystemRandomSource(int? seed) : IRandomSource
{
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();
    private readonly Lock _lock = new();

    public double NextDouble()
    {
        lock (_lock) return _random.NextDouble();
    }
}
