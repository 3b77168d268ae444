using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Campaigns.Tests.Support;

/// <summary>Self-signed certificates made at test time, written as PKCS#12 files as an operator ships them.</summary>
public static class TestCertificates
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A new key pair and certificate in <paramref name="folder"/>/<paramref name="name"/>.pfx.</summary>
    /// <param name="usages">Extended key usages; by default both ends of a TLS connection.</param>
    public static string CreatePfx(string folder, string name, string? password, params string[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var purposes = new OidCollection();
        foreach (var usage in usages.Length == 0 ? [ServerAuthentication, ClientAuthentication] : usages)
        {
            purposes.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(purposes, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>The certificate of a file <see cref="CreatePfx"/> wrote, with its private key.</summary>
    public static X509Certificate2 Load(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password);
}
