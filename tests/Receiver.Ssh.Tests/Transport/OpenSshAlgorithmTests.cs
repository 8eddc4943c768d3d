using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>Host keys and MACs forced one at a time in the OpenSSH client (ciphers and key exchanges: see the sftp batch tests).</summary>
public sealed class OpenSshAlgorithmTests : TestServerTests
{
    private OpenSsh.KeyFile? _key;

    private protected override async Task PrepareAsync()
    {
        _key = await OpenSsh.NewKeyAsync(Server.Scratch, "ed25519");
        Server.Authenticator.AddKey("camera", _key.PublicKey);
    }

    [Theory]
    [InlineData("HostKeyAlgorithms", "ssh-ed25519")]
    [InlineData("HostKeyAlgorithms", "rsa-sha2-256")]
    [InlineData("HostKeyAlgorithms", "rsa-sha2-512")]
    public async Task EchoWorksWithEachAlgorithm(string option, string algorithm)
    {
        await AssertEchoAsync("-o", $"{option}={algorithm}");
    }

    [Theory]
    [InlineData("hmac-sha2-256-etm@openssh.com")]
    [InlineData("hmac-sha2-512-etm@openssh.com")]
    [InlineData("hmac-sha2-256")]
    [InlineData("hmac-sha2-512")]
    public async Task EchoWorksWithEachMacOverAesCtr(string mac)
    {
        await AssertEchoAsync("-o", "Ciphers=aes128-ctr", "-o", $"MACs={mac}");
    }

    [Fact]
    public async Task RekeyingEvery64KilobytesKeepsTheStreamIntact()
    {
        var data = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i:x8}\n"));
        await AssertEchoDataAsync(data, "-o", "RekeyLimit=64K");
    }

    private Task AssertEchoAsync(params string[] options) => AssertEchoDataAsync("algorithm check\n", options);

    private async Task AssertEchoDataAsync(string data, params string[] options)
    {
        var result = await OpenSsh.RunAsync(Server.Port, _key!.Path, [.. options, "-s", "camera@127.0.0.1", "sftp"], standardInput: data);
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(data, result.StandardOutput);
    }
}
