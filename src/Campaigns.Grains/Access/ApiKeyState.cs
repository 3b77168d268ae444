using Campaigns.Abstractions.Access;

namespace Campaigns.Grains.Access;

[GenerateSerializer, Alias("campaigns.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public ApiKeyView? Key { get; set; }

    /// <summary>SHA-256 of the key's value; the value itself is never stored.</summary>
    [Id(1)] public byte[] ValueHash { get; set; } = [];
}

[GenerateSerializer, Alias("campaigns.ApiKeyDirectoryState")]
public sealed class ApiKeyDirectoryState
{
    [Id(0)] public Dictionary<string, ApiKeyView> Keys { get; set; } = [];
}
