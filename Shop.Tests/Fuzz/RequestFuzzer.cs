using System.Text;

namespace Shop.Tests.Fuzz;

/// <summary>
/// Hostile values for the fuzz: each family the issue names (wrong types, 1e300, -0, huge text, deep nesting,
/// control characters, lone surrogates, path climbing, script and SQL text, duplicate keys), from a seeded
/// <see cref="Random"/>, so a failing run can be replayed with its seed.
/// </summary>
internal sealed class RequestFuzzer(int seed)
{
    // At most this many 70,000-character strings in one body (over PutEvents' 256 KB entry limit, under the 4 MB body
    // cap): without a bound a generated body reached 30 MB and generating them took two thirds of a run.
    private const int MaxHugePerBody = 4;

    private readonly Random _random = new(seed);
    private int _hugeLeft;

    public static readonly string[] Texts =
    [
        "", " ", "x", "item-1", "customer-1", "../", "x/../../../escaped", "..\\..\\windows", "/etc/passwd", "%2e%2e%2f",
        "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE evt_events; --", "\u0000", "\u0001\u001f\u007f", "\t\r\n",
        "😀", "\u202e", "null", "true", "1e300", "-0", "NaN", "Infinity", "{}", "[]", "${x}", "{{x}}", "$.detail", "*",
    ];

    private static readonly string[] RawNumbers = ["0", "-0", "1", "-1", "1e300", "-1e300", "1e-300", "0.000000000000000000000000000001",
        "79228162514264337593543950336", "2147483648", "-9223372036854775809", "12.345678901234567890123", "1E400"];

    private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "text/plain",
        "application/json; charset=utf-16", "application/json; charset=x-bogus", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/xml", "application/problem+json", "", "application/x-amz-json-1.1", ";;;"];

    private static readonly string[] Accepts = ["application/json", "text/html", "*/*", "image/png", "application/xml;q=0.9, */*;q=0",
        "a/b/c;;q=x", "text/plain", "", "application/problem+json", "\u00e9"];

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Next(int max) => _random.Next(max);

    public string ContentType() => Pick(ContentTypes);

    public string Accept() => Pick(Accepts);

    /// <summary>A value for a path segment or query (escaped by the caller).</summary>
    public string Segment() => _random.Next(10) switch
    {
        0 => new string('a', 5000),
        1 => Pick(RawNumbers),
        _ => Pick(Texts),
    };

    /// <summary>A JSON text: an object with the operation's own member names (or others) holding hostile values, or worse.</summary>
    public string Body(IReadOnlyList<string> names) => _random.Next(20) switch
    {
        0 => "",
        1 => "not json",
        2 => new string('[', 100) + new string(']', 100),
        3 => Nested(100),
        4 => "{\"a\":1,\"a\":2}",
        5 => "[1,2,3]",
        6 => "\"text\"",
        7 => "{\"x\":\"\\ud800\"}",
        8 => "{\"\\udc00\":1}",
        _ => Object(names, depth: 0),
    };

    public string Object(IReadOnlyList<string> names, int depth)
    {
        if (depth == 0) _hugeLeft = MaxHugePerBody;
        var members = new List<string>();
        // The top level may hold every member name; nested objects stay small, or the tree grows to megabytes.
        var count = depth == 0 ? _random.Next(0, Math.Max(1, names.Count) + 2) : _random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            var name = names.Count > 0 && _random.Next(4) > 0 ? Pick(names) : Pick(Texts);
            members.Add($"{Quote(name)}:{Value(names, depth)}");
        }
        // A duplicate key now and then, beside valid-looking members.
        if (members.Count > 0 && _random.Next(8) == 0) members.Add(members[0]);
        return "{" + string.Join(",", members) + "}";
    }

    private string Value(IReadOnlyList<string> names, int depth) => _random.Next(depth > 3 ? 7 : 10) switch
    {
        0 => Pick(RawNumbers),
        1 => Quote(Pick(Texts)),
        2 => "null",
        3 => _random.Next(2) == 0 ? "true" : "false",
        4 => Quote(new string('x', Huge() ? 70_000 : 300)),
        5 => "\"\\ud83d\"",
        6 => Quote(Pick(["item-1", "customer-1", "creditCard", "1P", "latte", "Delivery"])),
        7 => "[" + Value(names, depth + 1) + "," + Value(names, depth + 1) + "]",
        8 => Object(names, depth + 1),
        _ => Nested(_random.Next(2, 120)),
    };

    /// <summary>One string in four is huge, while the body's allowance lasts.</summary>
    private bool Huge()
    {
        if (_hugeLeft == 0 || _random.Next(4) > 0) return false;
        _hugeLeft--;
        return true;
    }

    private static string Nested(int depth) => new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
