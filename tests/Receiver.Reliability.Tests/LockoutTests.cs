namespace Receiver.Reliability.Tests;

/// <summary>
/// Password guessing against the real receiver: the guesser's address is locked out (for that account, then for
/// every account), while the camera on its own address keeps logging in - an attacker cannot silence a camera.
/// 127.0.0.2 and 127.0.0.3 stand for other machines on the network.
/// </summary>
public sealed class LockoutTests : IDisposable
{
    private const string Password = "Sup3rSecret";
    private readonly DataRoot _root = new();

    public LockoutTests()
    {
        _root.AddCamera("porch", Password);
        _root.AddCamera("side", Password);
    }

    [Fact]
    public async Task Guessing_locks_out_the_guessing_address_per_account_and_then_entirely_but_never_the_camera_on_its_own_address()
    {
        // The login lockout on its own: per-source connection penalties would refuse the guessers' connections first.
        await using var receiver = await ReceiverProcess.StartAsync(_root.Path, new Dictionary<string, string>
        {
            ["Security__PerSourcePenalties__AuthFailureSeconds"] = "0",
        });
        var port = receiver.FtpPort;

        // Five wrong passwords for "porch" from 127.0.0.2 (Security:MaxFailuresPerAccount = 5).
        var guesses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => RawFtpClient.TryLoginAsync("127.0.0.2", port, "porch", $"guess{i}")));
        Assert.All(guesses, code => Assert.Equal(530, code));

        Assert.Equal(530, await RawFtpClient.TryLoginAsync("127.0.0.2", port, "porch", Password));
        Assert.Equal(230, await RawFtpClient.TryLoginAsync("127.0.0.1", port, "porch", Password));
        Assert.Equal(230, await RawFtpClient.TryLoginAsync("127.0.0.2", port, "side", Password));

        // Twenty failures from 127.0.0.3 across made-up names (Security:MaxFailuresPerAddress = 20), in batches
        // under the per-address connection cap: that address is then refused for every account.
        for (var batch = 0; batch < 2; batch++)
        {
            var sweep = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => RawFtpClient.TryLoginAsync("127.0.0.3", port, $"admin{batch}{i}", "123456")));
            Assert.All(sweep, code => Assert.Equal(530, code));
        }

        Assert.Equal(530, await RawFtpClient.TryLoginAsync("127.0.0.3", port, "side", Password));
        Assert.Equal(230, await RawFtpClient.TryLoginAsync("127.0.0.1", port, "side", Password));
        Assert.Equal(230, await RawFtpClient.TryLoginAsync("127.0.0.1", port, "porch", Password));

        // The figures are in the log for the owner: who, for what, after how many failures, for how long.
        Assert.Contains("Locked out 127.0.0.2 for porch after 5 failed logins", receiver.Log, StringComparison.Ordinal);
        Assert.Contains("Locked out 127.0.0.3 for (any account) after 20 failed logins", receiver.Log, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
