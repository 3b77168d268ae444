using System.Net;
using Campaigns.Gateway.Access;

namespace Campaigns.Tests.Access;

public sealed class AddressGroupTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void An_IPv6_host_is_counted_by_its_64_and_an_IPv4_host_by_its_address(string address, string group) =>
        Assert.Equal(group, AddressGroup.Of(IPAddress.Parse(address)));
}
