using Receiver.Fuzz;
using Xunit.Abstractions;

namespace Receiver.Reliability.Tests;

/// <summary>
/// Keeps the AFL++/SharpFuzz harnesses (fuzz/Receiver.Fuzz, run by fuzz/run.sh) from rotting: every committed seed
/// of every target (fuzz/corpus/&lt;target&gt;, which also holds the inputs of past findings) goes once through the
/// very harness afl-fuzz runs, and then a fixed set of mutations of them. A harness throws only for a finding (an
/// exception the decoder does not document, one the server only caught and logged, a session that does not end).
/// </summary>
public sealed class FuzzHarnessTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_committed_seed_passes_its_harness(string name)
    {
        using var target = FuzzTargets.Create(name);
        var folder = Path.Combine(AppContext.BaseDirectory, "corpus", target.Corpus);
        var seeds = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(seeds);
        foreach (var seed in seeds)
        {
            var finding = Record.Exception(() => target.Run(File.ReadAllBytes(seed)));
            Assert.True(finding is null, $"{name} seed {Path.GetFileName(seed)}: {finding}");
        }

        output.WriteLine($"{name} ({target.Description}): {seeds.Count} seeds passed");
    }

    [Theory]
    [InlineData("cgi", 20_000)]
    [InlineData("ssh-messages", 20_000)]
    [InlineData("sftp", 500)]
    [InlineData("ssh", 1_000)]
    [InlineData("ftp", 300)]
    public void Mutated_seeds_pass_their_harness(string name, int count)
    {
        using var target = FuzzTargets.Create(name);
        var mutator = new Mutator(Mutator.Corpus(target.Corpus), seed: name.Length);
        for (var i = 0; i < count; i++)
        {
            var input = mutator.Next();
            var finding = Record.Exception(() => target.Run(input));
            Assert.True(finding is null, $"{name} input {i} ({Convert.ToHexString(input)}): {finding}");
        }

        output.WriteLine($"{name}: {count} mutated inputs passed");
    }
}
