using System.Net;
using System.Net.Sockets;

namespace Campaigns.Silo.Hosting;

/// <summary>
/// Refuses to start a silo on ports another process already listens on. Orleans'
/// listeners let a second process bind the same port, and the kernel would then
/// share connections between two unrelated silos.
/// </summary>
public static class PortCheck
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <exception cref="InvalidSettingException">A port is taken.</exception>
    public static void EnsureFree(IPAddress address, params int[] ports)
    {
        foreach (var port in ports)
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (OperatingSystem.IsLinux())
            {
                // SO_REUSEADDR alone: connections of a silo that just died (TIME_WAIT) do not
                // count, a live listener does. .NET's ReuseAddress would add SO_REUSEPORT too.
                probe.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            }

            try
            {
                probe.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException e)
            {
                throw new InvalidSettingException(
                    $"Port {port} on {address} is already in use; is another silo running? "
                    + "Set Campaigns:Silo:SiloPort and Campaigns:Silo:GatewayPort to free ports.", e);
            }
        }
    }
}
