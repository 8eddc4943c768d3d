namespace Receiver.Ssh.Algorithms;

/// <summary>The outcome of one KEXINIT exchange.</summary>
internal sealed record NegotiatedAlgorithms(
    string Kex,
    string HostKeySignature,
    CipherAlgorithm CipherIn,
    CipherAlgorithm CipherOut,
    MacAlgorithm? MacIn,
    MacAlgorithm? MacOut)
{
    /// <summary>Picks, per category, the first client algorithm the server also offers (RFC 4253 §7.1).</summary>
    public static NegotiatedAlgorithms Negotiate(Messages.KexInitMessage client, AlgorithmSet server)
    {
        var kex = Pick("key exchange", client.KexAlgorithms, server.Kex);
        var hostKey = Pick("host key", client.ServerHostKeyAlgorithms, server.HostKeySignatures);
        var cipherIn = AlgorithmRegistry.Ciphers[Pick("cipher (client to server)", client.CiphersClientToServer, server.Ciphers)];
        var cipherOut = AlgorithmRegistry.Ciphers[Pick("cipher (server to client)", client.CiphersServerToClient, server.Ciphers)];
        var macIn = cipherIn.IsAead ? null : AlgorithmRegistry.Macs[Pick("MAC (client to server)", client.MacsClientToServer, server.Macs)];
        var macOut = cipherOut.IsAead ? null : AlgorithmRegistry.Macs[Pick("MAC (server to client)", client.MacsServerToClient, server.Macs)];
        Pick("compression (client to server)", client.CompressionClientToServer, ["none"]);
        Pick("compression (server to client)", client.CompressionServerToClient, ["none"]);
        return new NegotiatedAlgorithms(kex, hostKey, cipherIn, cipherOut, macIn, macOut);
    }

    private static string Pick(string category, IReadOnlyList<string> client, IReadOnlyList<string> server)
    {
        foreach (var name in client)
        {
            if (server.Contains(name))
            {
                return name;
            }
        }

        throw new SshNegotiationException(category, client, server);
    }
}
