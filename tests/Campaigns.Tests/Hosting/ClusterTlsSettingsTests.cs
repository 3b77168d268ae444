using System.Net.Security;
using Campaigns.Silo.Hosting;
using Campaigns.Tests.Support;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Campaigns.Tests.Hosting;

/// <summary>Reading Campaigns:Tls: off without a path, a clear refusal for a certificate that cannot serve.</summary>
public sealed class ClusterTlsSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WithoutACertificatePathTlsIsOff()
    {
        Assert.Null(ClusterTls.Read(Configuration(path: null)));
        Assert.Null(ClusterTls.Read(Configuration(path: "")));
    }

    [Fact]
    public void TheCertificateIsLoadedWithItsPassword()
    {
        var path = TestCertificates.CreatePfx(_folder, "cluster", "secret");

        var tls = ClusterTls.Read(Configuration(path, "secret"));

        Assert.NotNull(tls);
        Assert.True(tls.Certificate.HasPrivateKey);
        var options = new TlsOptions();
        tls.Configure(options);
        Assert.Same(tls.Certificate, options.LocalCertificate);
        Assert.Equal(RemoteCertificateMode.RequireCertificate, options.RemoteCertificateMode);
        Assert.Equal(RemoteCertificateMode.RequireCertificate, options.ClientCertificateMode);
    }

    [Fact]
    public void OnlyTheSameCertificateIsAcceptedFromAPeer()
    {
        var path = TestCertificates.CreatePfx(_folder, "cluster", password: null);
        var other = TestCertificates.CreatePfx(_folder, "other", password: null);
        var tls = ClusterTls.Read(Configuration(path))!;
        using var same = TestCertificates.Load(path, password: null);
        using var stranger = TestCertificates.Load(other, password: null);

        Assert.True(tls.IsOurCertificate(same, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(tls.IsOurCertificate(stranger, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(tls.IsOurCertificate(stranger, null, SslPolicyErrors.None));
    }

    [Fact]
    public void AMissingFileIsRefusedNamingTheSetting()
    {
        var path = Path.Combine(_folder, "missing.pfx");

        var error = Assert.Throws<InvalidSettingException>(() => ClusterTls.Read(Configuration(path)));

        Assert.Equal($"{ClusterTls.CertificatePathKey} is '{path}', which does not exist.", error.Message);
    }

    [Fact]
    public void AFileThatIsNoCertificateIsRefusedNamingTheSetting()
    {
        var path = Path.Combine(_folder, "garbage.pfx");
        File.WriteAllText(path, "not a certificate");

        var error = Assert.Throws<InvalidSettingException>(() => ClusterTls.Read(Configuration(path)));

        Assert.StartsWith(ClusterTls.CertificatePathKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read as a PKCS#12 (.pfx) certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongPasswordIsRefusedNamingBothSettings()
    {
        var path = TestCertificates.CreatePfx(_folder, "cluster", "secret");

        var error = Assert.Throws<InvalidSettingException>(() => ClusterTls.Read(Configuration(path, "wrong")));

        Assert.StartsWith(ClusterTls.CertificatePathKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(ClusterTls.CertificatePasswordKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateForServersOnlyIsRefused()
    {
        var path = TestCertificates.CreatePfx(_folder, "server-only", null, TestCertificates.ServerAuthentication);

        var error = Assert.Throws<InvalidSettingException>(() => ClusterTls.Read(Configuration(path)));

        Assert.Contains("both server and client authentication", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? path, string? password = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ClusterTls.CertificatePathKey] = path,
                [ClusterTls.CertificatePasswordKey] = password,
            })
            .Build();
}
