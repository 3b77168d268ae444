using System.Net;
using System.Net.Sockets;

namespace Campaigns.Tests.Support;

public static class FreePort
{
    /// <summary>Ports outside Linux's ephemeral range (32768 and up), which outgoing connections never take.</summary>
    private const int First = 20000;
    private const int Last = 32000;

    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>
    /// A listening port no other socket holds. Silos are given ports like those an
    /// operator picks, below the ephemeral range: an ephemeral port handed out here
    /// could be taken as the source port of some connection before the silo binds it.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) % (Last - First));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }
}
