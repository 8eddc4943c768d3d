using Renci.SshNet;
using Renci.SshNet.Security;

namespace Receiver.Ssh.Tests.Support;

/// <summary>SSH.NET connection settings with one algorithm of a category forced, as a client configured that way would offer.</summary>
internal static class SshNetClients
{
    public static ConnectionInfo Password(int port, string user, string password) =>
        Timeouts(new ConnectionInfo("127.0.0.1", port, user, new PasswordAuthenticationMethod(user, password)));

    public static ConnectionInfo PublicKey(int port, string user, IPrivateKeySource key) =>
        Timeouts(new ConnectionInfo("127.0.0.1", port, user, new PrivateKeyAuthenticationMethod(user, key)));

    public static ConnectionInfo Force(this ConnectionInfo info, string? kex = null, string? cipher = null, string? mac = null, string? hostKey = null)
    {
        Keep(info.KeyExchangeAlgorithms, kex);
        Keep(info.Encryptions, cipher);
        Keep(info.HmacAlgorithms, mac);
        Keep(info.HostKeyAlgorithms, hostKey);
        return info;
    }

    private static void Keep<T>(IDictionary<string, T> algorithms, string? name)
    {
        if (name is null)
        {
            return;
        }

        Assert.True(algorithms.ContainsKey(name), $"SSH.NET does not offer {name}");
        foreach (var other in algorithms.Keys.Where(k => k != name).ToArray())
        {
            algorithms.Remove(other);
        }
    }

    private static ConnectionInfo Timeouts(ConnectionInfo info)
    {
        info.Timeout = TimeSpan.FromSeconds(20);
        return info;
    }
}

/// <summary>A private key that offers only one signature algorithm (e.g. rsa-sha2-256 of an RSA key).</summary>
internal sealed class OneSignatureAlgorithmKey(PrivateKeyFile file, string algorithm) : IPrivateKeySource
{
    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms => [.. file.HostKeyAlgorithms.Where(a => a.Name == algorithm)];
}
