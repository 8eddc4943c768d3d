using System.Globalization;
using Receiver.Abstractions;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Host;

/// <summary>OpenSSH's sftp in batch mode against the receiver, as a person or a script would upload.</summary>
public sealed class OpenSshSftpBatchTests : OpenSshHostSftpTests
{
    private protected override async Task PrepareAsync()
    {
        await base.PrepareAsync();
        Fixture.AddCamera("cam1", "Secret123", ClientKey.PublicKey.ToOpenSshLine());
    }

    [Fact]
    public async Task MkdirPutWithRekeyingLsAndRename()
    {
        var local = Fixture.Scratch.Combine("big.bin");
        var data = SshNetSftpTests.RandomBytes(20 * 1024 * 1024);
        await File.WriteAllBytesAsync(local, data);

        var result = await SftpAsync(
            ["-o", "RekeyLimit=1M"],
            $"mkdir /alarms\nput {local} /alarms/upload.tmp\nrename /alarms/upload.tmp /alarms/clip.mp4\nls -l /\n");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("clip.mp4", result.StandardOutput + result.StandardError + await ListingAsync());
        Assert.Equal(data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "alarms/clip.mp4")));
        await Fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded && e.Detail == "publickey ssh-ed25519");
    }

    [Theory]
    [InlineData("-c", "chacha20-poly1305@openssh.com")]
    [InlineData("-c", "aes128-gcm@openssh.com")]
    [InlineData("-c", "aes256-gcm@openssh.com")]
    [InlineData("-c", "aes128-ctr")]
    [InlineData("-c", "aes192-ctr")]
    [InlineData("-c", "aes256-ctr")]
    [InlineData("-oKexAlgorithms", "curve25519-sha256")]
    [InlineData("-oKexAlgorithms", "curve25519-sha256@libssh.org")]
    [InlineData("-oKexAlgorithms", "diffie-hellman-group14-sha256")]
    [InlineData("-oKexAlgorithms", "diffie-hellman-group16-sha512")]
    [InlineData("-oKexAlgorithms", "diffie-hellman-group18-sha512")]
    public async Task PutWorksWithEachCipherAndKeyExchange(string option, string algorithm)
    {
        var local = Fixture.Scratch.Combine("snap.jpg");
        var data = SshNetSftpTests.RandomBytes(300_000);
        await File.WriteAllBytesAsync(local, data);
        string[] arguments = option == "-c" ? ["-c", algorithm] : ["-o", "KexAlgorithms=" + algorithm];

        var result = await SftpAsync(arguments, $"put {local} /snap.jpg\n");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "snap.jpg")));
    }

    private async Task<string> ListingAsync()
    {
        var result = await SftpAsync([], "ls -R /\n");
        return result.StandardOutput;
    }

    private Task<ExternalProcess.Result> SftpAsync(string[] options, string batch) =>
        OpenSshSftpBatch.RunAsync(Fixture.Port, ClientKey.Path, "cam1", batch, options);
}
