using System.Security.Cryptography;
using System.Text;

namespace Shop.Web.Security;

/// <summary>The <c>Admin</c> settings: an API key and/or a username + password for the login page. Empty means not configured.</summary>
public sealed class AdminCredentials
{
    public const string Section = "Admin";

    public string ApiKey { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public bool HasApiKey => !string.IsNullOrEmpty(ApiKey);

    public bool HasLogin => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    public bool IsValidApiKey(string? candidate) => HasApiKey && SecretEquals(candidate, ApiKey);

    public bool IsValidLogin(string? username, string? password)
    {
        if (!HasLogin) return false;
        // Both compared every time, so the timing does not tell which one was wrong.
        var user = SecretEquals(username, Username);
        var pass = SecretEquals(password, Password);
        return user & pass;
    }

    /// <summary>Constant-time comparison; hashing first also hides the secret's length.</summary>
    internal static bool SecretEquals(string? candidate, string secret) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate ?? "")),
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
