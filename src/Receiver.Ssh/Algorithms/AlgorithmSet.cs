namespace Receiver.Ssh.Algorithms;

/// <summary>The algorithm lists one connection offers, resolved once from the options and profile.</summary>
internal sealed record AlgorithmSet(
    IReadOnlyList<string> Kex,
    IReadOnlyList<string> HostKeySignatures,
    IReadOnlyList<string> Ciphers,
    IReadOnlyList<string> Macs,
    IReadOnlyList<string> UserSignatures)
{
    public static AlgorithmSet From(SshServerOptions options, IEnumerable<string> hostKeySignatures)
    {
        var legacy = options.Profile == SshProfile.Legacy;
        var kex = Restrict(Names(legacy ? [.. AlgorithmRegistry.ModernKex, .. AlgorithmRegistry.LegacyKex] : AlgorithmRegistry.ModernKex, k => k.Name), options.KexAlgorithms, "key exchange");
        var signatures = hostKeySignatures
            .Where(s => legacy || !AlgorithmRegistry.LegacyHostKeySignatures.Contains(s))
            .ToArray();
        var ciphers = Restrict(Names(AlgorithmRegistry.Ciphers, c => c.Name), options.Ciphers, "cipher");
        var macs = Restrict(Names(AlgorithmRegistry.Macs, m => m.Name), options.Macs, "MAC");
        IReadOnlyList<string> user = legacy
            ? [.. AlgorithmRegistry.ModernUserSignatures, .. AlgorithmRegistry.LegacyUserSignatures]
            : AlgorithmRegistry.ModernUserSignatures;
        return new AlgorithmSet(kex, signatures, ciphers, macs, user);
    }

    private static string[] Names<T>(IEnumerable<T> entries, Func<T, string> name) => [.. entries.Select(name)];

    private static IReadOnlyList<string> Restrict(IReadOnlyList<string> available, IList<string>? wanted, string category)
    {
        if (wanted is null || wanted.Count == 0)
        {
            return available;
        }

        var unknown = wanted.Where(w => !available.Contains(w)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unsupported {category} algorithm(s) for this profile: {string.Join(", ", unknown)}.");
        }

        return [.. wanted];
    }
}
