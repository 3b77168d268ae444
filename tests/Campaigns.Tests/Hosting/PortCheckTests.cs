using System.Net;
using System.Net.Sockets;
using Campaigns.Silo.Hosting;
using Campaigns.Tests.Support;

namespace Campaigns.Tests.Hosting;

public sealed class PortCheckTests
{
    [Fact]
    public void APortAnotherProcessListensOnIsRefused()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        var error = Assert.Throws<InvalidSettingException>(() => PortCheck.EnsureFree(IPAddress.Loopback, port));

        Assert.Contains($"Port {port}", error.Message);
    }

    [Fact]
    public void AFreePortPasses()
    {
        PortCheck.EnsureFree(IPAddress.Loopback, FreePort.Next());
    }
}
