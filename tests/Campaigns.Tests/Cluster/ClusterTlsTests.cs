using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Campaigns.Abstractions.Projects;
using Campaigns.Silo.Hosting;
using Campaigns.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Campaigns.Tests.Cluster;

/// <summary>
/// Two silo processes and a gateway process on PostgreSQL, every Orleans connection
/// over TLS with one self-signed certificate made for the test; clients without that
/// certificate are turned away.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class ClusterTlsTests(ClusterTlsTests.TlsCluster tls, ITestOutputHelper output)
    : IClassFixture<ClusterTlsTests.TlsCluster>
{
    /// <summary>How long a client that cannot connect may take to say so.</summary>
    private static readonly TimeSpan ConnectBound = TimeSpan.FromSeconds(20);

    public enum ClientCertificate
    {
        TheCluster,
        None,
        Another,
    }

    [Fact]
    public async Task ACampaignIsCreatedStartedAndRecordedThroughTheGatewayOverTls()
    {
        var client = tls.Cluster.Gateways[0].Client;
        Assert.Equal(HttpStatusCode.Created, await SendAsync(client, "projects", new { id = "tls", name = "TLS" }));
        for (var i = 0; i < 6; i++)
        {
            // Several campaigns, so that grains land on both silos and the project's calls cross between them.
            var campaign = $"projects/tls/campaigns/c{i}";
            Assert.Equal(
                HttpStatusCode.Created,
                await SendAsync(client, "projects/tls/campaigns", new { id = $"c{i}", name = $"C{i}" }));
            Assert.Equal(HttpStatusCode.OK, await SendAsync(client, $"{campaign}/start", null));
            var outcome = new { callId = $"call-{i}", status = "Completed", durationSeconds = 10.5m + i };
            Assert.Equal(HttpStatusCode.OK, await SendAsync(client, $"{campaign}/outcomes", outcome));

            var view = await client.GetJsonAsync(campaign);
            Assert.Equal("Started", view.GetProperty("status").GetString());
            Assert.Equal(1, view.GetProperty("attempts").GetInt64());
            Assert.Equal(10.5m + i, view.GetProperty("totalTimeSpentSeconds").GetDecimal());
        }

        var listed = await client.GetJsonAsync("projects/tls/campaigns");
        Assert.Equal(6, listed.GetArrayLength());

        // Both silos still active: they have probed each other over their silo ports all along.
        Assert.Equal(2, (await ActiveSilosAsync()).Count);
    }

    [Fact]
    public async Task EachSiloPortSpeaksTlsWithTheClusterCertificate()
    {
        using var ours = TestCertificates.Load(tls.CertificatePath, TlsCluster.Password);
        foreach (var port in await ActiveSilosAsync())
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            await using var stream = new SslStream(tcp.GetStream());
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [ours],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            });

            Assert.True(stream.IsAuthenticated);
            Assert.Equal(ours.Thumbprint, stream.RemoteCertificate!.GetCertHashString());

            // Accepted: the silo goes on to send its Orleans greeting, over TLS.
            using var timeout = new CancellationTokenSource(ConnectBound);
            await stream.ReadExactlyAsync(new byte[1], timeout.Token);
        }
    }

    [Theory]
    [InlineData(ClientCertificate.None)]
    [InlineData(ClientCertificate.Another)]
    public async Task ASiloPortTurnsAwayAPeerWithoutTheClusterCertificate(ClientCertificate certificate)
    {
        using var other = TestCertificates.Load(tls.OtherCertificatePath, password: null);
        var port = (await ActiveSilosAsync())[0];
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(ConnectBound);
        var clock = Stopwatch.StartNew();
        var closed = false;
        try
        {
            // This side accepts whatever the silo presents: the silo is the one that must refuse.
            await stream.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificates = certificate == ClientCertificate.Another ? [other] : null,
                    RemoteCertificateValidationCallback = (_, server, _, _) => server is not null,
                },
                timeout.Token);

            // With TLS 1.3 the server's verdict on our certificate arrives after our side has finished.
            closed = await stream.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            output.WriteLine($"{e.GetType().Name}: {e.Message}");
            closed = true;
        }

        output.WriteLine($"{certificate}: closed after {clock.Elapsed.TotalSeconds:N1} s");
        Assert.True(closed);
    }

    [Fact]
    public async Task ASiloWithoutTlsCannotJoin()
    {
        // The silo gives up joining after 5 s instead of Orleans' default 5 minutes.
        var plain = new Dictionary<string, string?> { ["Campaigns:Membership:MaxJoinAttemptTime"] = "00:00:05" };
        var clock = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SiloCluster.StartAsync(tls.Database, silos: 1, gateways: 0, plain));

        output.WriteLine($"refused after {clock.Elapsed.TotalSeconds:N1} s: {refused.Message[..200]}");
        Assert.Equal(2, (await ActiveSilosAsync()).Count);
    }

    [Fact]
    public async Task ASiloWhoseCertificateFileIsMissingStopsAtStartupNamingTheSetting()
    {
        var missing = new Dictionary<string, string?>
        {
            [ClusterTls.CertificatePathKey] = Path.Combine(Path.GetDirectoryName(tls.CertificatePath)!, "gone.pfx"),
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SiloCluster.StartAsync(tls.Database, silos: 1, gateways: 0, missing));

        output.WriteLine(refused.Message);
        Assert.Contains($"exited with code {InvalidSettingException.ExitCode}: ", refused.Message);
        Assert.Contains($"{ClusterTls.CertificatePathKey} is ", refused.Message);
        Assert.DoesNotContain("   at ", refused.Message);
        Assert.Contains("gone.pfx', which does not exist.", refused.Message);
    }

    [Theory]
    [InlineData(ClientCertificate.TheCluster)]
    [InlineData(ClientCertificate.None)]
    [InlineData(ClientCertificate.Another)]
    public async Task OnlyAClientWithTheClusterCertificateConnects(ClientCertificate certificate)
    {
        var settings = new Dictionary<string, string?>(tls.Database.Settings().Concat(SiloCluster.Settings));
        if (certificate == ClientCertificate.TheCluster)
        {
            settings[ClusterTls.CertificatePathKey] = tls.CertificatePath;
            settings[ClusterTls.CertificatePasswordKey] = TlsCluster.Password;
        }
        else if (certificate == ClientCertificate.Another)
        {
            settings[ClusterTls.CertificatePathKey] = tls.OtherCertificatePath;
        }

        var clock = Stopwatch.StartNew();
        var failure = await ConnectAndCallAsync(settings);
        output.WriteLine(
            $"{certificate}: {clock.Elapsed.TotalSeconds:N1} s, {failure?.GetType().Name} {failure?.Message}");

        if (certificate == ClientCertificate.TheCluster)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.NotNull(failure);
            Assert.True(clock.Elapsed < ConnectBound, $"refusing took {clock.Elapsed}");
        }
    }

    /// <summary>The silo ports of the cluster's active silos.</summary>
    private async Task<List<int>> ActiveSilosAsync()
    {
        const int active = 3;
        var members = await tls.Cluster.MembershipAsync();
        return members.Where(member => member.Status == active).Select(member => member.Port).ToList();
    }

    /// <summary>
    /// The one place this test talks HTTP to the gateway for writes (reads go through
    /// <see cref="HttpClientExtensions.GetJsonAsync"/>), through the gateway helper's client.
    /// </summary>
    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string route, object? body)
    {
        using var response = body is null
            ? await client.PostAsync(route, null)
            : await client.PostJsonAsync(route, body);
        return response.StatusCode;
    }

    /// <summary>
    /// An Orleans client, in this process, configured as the gateway configures its own,
    /// that connects and lists the projects; its failure if any. It makes one connection
    /// attempt where the gateway would keep retrying for minutes.
    /// </summary>
    private static async Task<Exception?> ConnectAndCallAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client => client
            .UseCampaignsClustering(builder.Configuration)
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false)));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(ConnectBound);
        try
        {
            await host.StartAsync(timeout.Token);
            var directory = host.Services.GetRequiredService<IClusterClient>()
                .GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key);
            await directory.List().WaitAsync(timeout.Token);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The TLS cluster the tests share: started once, with its certificate and a stranger's.</summary>
    public sealed class TlsCluster : IAsyncLifetime
    {
        public const string Password = "cluster-secret";

        private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-tls-").FullName;

        public PostgresDatabase Database { get; private set; } = null!;

        public SiloCluster Cluster { get; private set; } = null!;

        public string CertificatePath { get; private set; } = null!;

        public string OtherCertificatePath { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            CertificatePath = TestCertificates.CreatePfx(_folder, "cluster", Password);
            OtherCertificatePath = TestCertificates.CreatePfx(_folder, "other", password: null);
            Database = await PostgresDatabase.CreateAsync();
            try
            {
                Cluster = await SiloCluster.StartAsync(Database, silos: 2, gateways: 1, new Dictionary<string, string?>
                {
                    [ClusterTls.CertificatePathKey] = CertificatePath,
                    [ClusterTls.CertificatePasswordKey] = Password,
                });
            }
            catch
            {
                // xunit does not dispose a fixture that failed to start: leave no database behind.
                await DisposeAsync();
                throw;
            }
        }

        public async Task DisposeAsync()
        {
            if (Cluster is not null)
            {
                await Cluster.DisposeAsync();
            }

            await Database.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
