using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Campaigns.Silo.Hosting;

/// <summary>
/// TLS on every silo-to-silo and client-to-silo connection, switched on by naming a
/// PKCS#12 certificate in <c>Campaigns:Tls:CertificatePath</c>. Every silo and every
/// gateway of a cluster is given the same certificate, each side of a connection must
/// present one, and a connection is accepted only when the peer's certificate is that
/// very certificate: whoever holds its private key belongs to the cluster, nobody else.
/// </summary>
public sealed class ClusterTls
{
    public const string Section = "Campaigns:Tls";
    public const string CertificatePathKey = Section + ":CertificatePath";
    public const string CertificatePasswordKey = Section + ":CertificatePassword";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private ClusterTls(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>This process's certificate, with its private key; also the only one a peer may present.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The configured certificate, or null when no certificate path is set (plain TCP).</summary>
    /// <exception cref="InvalidSettingException">
    /// The file is missing or unreadable, the password is wrong, or the certificate cannot
    /// serve both ends of a connection; the message names the setting to fix.
    /// </exception>
    public static ClusterTls? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var password = section["CertificatePassword"];
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidSettingException($"{CertificatePathKey} is '{fullPath}', which does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            var withPassword = string.IsNullOrEmpty(password) ? "without a password" : $"with {CertificatePasswordKey}";
            throw new InvalidSettingException(
                $"{CertificatePathKey} is '{fullPath}', which cannot be read as a PKCS#12 (.pfx) certificate "
                + $"{withPassword}: {e.GetBaseException().Message}",
                e);
        }

        if (Unusable(certificate) is { } reason)
        {
            certificate.Dispose();
            throw new InvalidSettingException($"{CertificatePathKey} is '{fullPath}', whose certificate {reason}.");
        }

        return new ClusterTls(certificate);
    }

    /// <summary>
    /// Orleans' TLS settings: present our certificate as server and as client, demand one
    /// from the peer, and accept the peer only if it presented our own certificate.
    /// </summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = IsOurCertificate;
    }

    /// <summary>
    /// The peer presented the same certificate, byte for byte, and the handshake proved it
    /// holds the private key. Chain and host-name errors are expected (the certificate may
    /// be self-signed and names no particular host) and say nothing more about the peer.
    /// </summary>
    public bool IsOurCertificate(X509Certificate2 peer, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
    }

    private static string? Unusable(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            return "has no private key in the file";
        }

        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return $"is valid only from {certificate.NotBefore.ToUniversalTime():u} "
                + $"to {certificate.NotAfter.ToUniversalTime():u}";
        }

        // Without the extension a certificate may serve any purpose; with it, both ends must be listed.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usages is not null)
        {
            var listed = usages.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet();
            if (!listed.Contains(ServerAuthentication) || !listed.Contains(ClientAuthentication))
            {
                return "must allow both server and client authentication (extended key usage)";
            }
        }

        return null;
    }
}
