using System.Net;

namespace Campaigns.Gateway.Access;

/// <summary>
/// What a budget per remote address counts: an IPv4 address, or the /64 an IPv6 address
/// belongs to, since one IPv6 host commonly holds a whole /64.
/// </summary>
public static class AddressGroup
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
