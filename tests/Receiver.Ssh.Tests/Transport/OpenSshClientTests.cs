using Receiver.Ssh.Keys;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>The OpenSSH client against our server: key exchange, publickey login, the subsystem stream, refusals.</summary>
public sealed class OpenSshClientTests
{
    [Fact]
    public async Task SubsystemEchoesDataOverPublicKeyLogin()
    {
        await using var server = await TestServer.StartAsync();
        var key = await OpenSsh.NewKeyAsync(server.Scratch, "ed25519");
        server.Authenticator.AddKey("camera", key.PublicKey);

        var result = await OpenSsh.RunAsync(server.Port, key.Path, ["-s", "camera@127.0.0.1", "sftp"], standardInput: "hello through the channel\n");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal("hello through the channel\n", result.StandardOutput);
        var login = await server.Events.WaitForAsync(e => e.Kind == Abstractions.SessionEventKind.LoginSucceeded);
        Assert.Equal("publickey ssh-ed25519", login.Detail);
    }

    [Fact]
    public async Task ExecIsRefused()
    {
        await using var server = await TestServer.StartAsync();
        var key = await OpenSsh.NewKeyAsync(server.Scratch, "ed25519");
        server.Authenticator.AddKey("camera", key.PublicKey);

        var result = await OpenSsh.RunAsync(server.Port, key.Path, ["camera@127.0.0.1", "cat /etc/passwd"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("root:", result.StandardOutput);
        Assert.Contains("exec request failed", result.StandardError);
    }
}

internal static class OpenSsh
{
    public sealed record KeyFile(string Path, SshPublicKey PublicKey);

    public static async Task<KeyFile> NewKeyAsync(TempFolder dir, string type, string name = "id")
    {
        var path = dir.Combine(name);
        var gen = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", type, "-N", "", "-f", path]);
        Assert.True(gen.ExitCode == 0, gen.Describe());
        return new KeyFile(path, SshPublicKey.ParseAuthorizedKey(await File.ReadAllTextAsync(path + ".pub")));
    }

    public static string[] CommonOptions(int port, string? identity) =>
    [
        "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null",
        .. identity is null ? Array.Empty<string>() : ["-i", identity],
    ];

    public static Task<ExternalProcess.Result> RunAsync(int port, string? identity, IEnumerable<string> arguments, string? standardInput = null) =>
        ExternalProcess.RunAsync("ssh", [.. CommonOptions(port, identity), .. arguments], standardInput);
}
