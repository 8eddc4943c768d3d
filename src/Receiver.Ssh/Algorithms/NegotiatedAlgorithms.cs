namespace Receiver.Ssh.Algorithms;

/// <summary>The outcome of one KEXINIT exchange.</summary>
internal sealed record NegotiatedAlgorithms(
    KexAlgorithm Kex,
    string HostKeySignature,
    CipherAlgorithm CipherIn,
    CipherAlgorithm CipherOut,
    MacAlgorithm? MacIn,
    MacAlgorithm? MacOut)
{
    /// <summary>Picks, per category, the first client algorithm the server also offers (RFC 4253 §7.1).</summary>
    public static NegotiatedAlgorithms Negotiate(Messages.KexInitMessage client, AlgorithmSet server)
    {
        var kex = AlgorithmRegistry.Kex(Pick("key exchange", client.KexAlgorithms, server.Kex));
        var hostKey = Pick("host key", client.ServerHostKeyAlgorithms, server.HostKeySignatures);
        var cipherIn = AlgorithmRegistry.Cipher(Pick("cipher (client to server)", client.CiphersClientToServer, server.Ciphers));
        var cipherOut = AlgorithmRegistry.Cipher(Pick("cipher (server to client)", client.CiphersServerToClient, server.Ciphers));
        var macIn = cipherIn.NeedsMac ? AlgorithmRegistry.Mac(Pick("MAC (client to server)", client.MacsClientToServer, server.Macs)) : null;
        var macOut = cipherOut.NeedsMac ? AlgorithmRegistry.Mac(Pick("MAC (server to client)", client.MacsServerToClient, server.Macs)) : null;
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
