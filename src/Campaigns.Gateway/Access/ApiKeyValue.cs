using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Gateway.Access;

/// <summary>
/// The text of an API key: <c>cmk_</c>, the key's id, <c>_</c> and 256 random bits in
/// base64url. The id says which key grain to ask; the whole value is what is hashed.
/// </summary>
public static class ApiKeyValue
{
    public const string Prefix = "cmk_";

    /// <summary>Longer than any key this service issues or accepts as configured.</summary>
    public const int MaxLength = 512;

    /// <summary>A configured key must be at least this long, so that it cannot be guessed.</summary>
    public const int MinConfiguredLength = 32;

    /// <summary>Rules out configured keys such as 32 times the same letter.</summary>
    public const int MinDistinctCharacters = 16;

    private const int IdBytes = 12;
    private const int SecretBytes = 32;

    public static (string Id, string Value) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id inside a value this service issued, or null when the value is not of that shape.</summary>
    public static string? IdOf(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = value.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        return separator == IdBytes * 2 && rest[..separator].ContainsOnlyHex() && rest.Length > separator + 1
            ? rest[..separator].ToString()
            : null;
    }

    /// <summary>Whether a key an operator configured is long and varied enough to resist guessing.</summary>
    public static bool IsStrongEnough(string value) =>
        value.Length is >= MinConfiguredLength and <= MaxLength
        && value.Distinct().Count() >= MinDistinctCharacters;

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool ContainsOnlyHex(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
