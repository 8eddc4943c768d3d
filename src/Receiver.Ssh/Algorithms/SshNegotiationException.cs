namespace Receiver.Ssh.Algorithms;

/// <summary>No algorithm in common for one category; carries both sides' lists so the log can say what to enable.</summary>
public sealed class SshNegotiationException(string category, IReadOnlyList<string> clientOffered, IReadOnlyList<string> serverOffered)
    : SshProtocolException($"No common {category} algorithm. Client offered: {string.Join(",", clientOffered)}; server offers: {string.Join(",", serverOffered)}.")
{
    /// <summary>"key exchange", "host key", "cipher (client to server)", "MAC (server to client)", "compression" ...</summary>
    public string Category { get; } = category;

    public IReadOnlyList<string> ClientOffered { get; } = clientOffered;

    public IReadOnlyList<string> ServerOffered { get; } = serverOffered;
}
