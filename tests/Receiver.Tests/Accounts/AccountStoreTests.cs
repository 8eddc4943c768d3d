using System.Net;

namespace Receiver.Tests.Accounts;

public sealed class AccountStoreTests : DataFolderTests
{
    [Fact]
    public void Accounts_round_trip_with_a_hashed_password_in_an_owner_only_file()
    {
        var store = new AccountStore(Paths);
        store.Add(TestAccounts.Camera("garage") with { AuthorizedKeys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw+1iSle cam"] });

        var again = new AccountStore(Paths).Find("garage");
        Assert.NotNull(again);
        Assert.Single(again.AuthorizedKeys);
        Assert.Equal(CameraPermissions.Default, again.Permissions);
        var text = File.ReadAllText(Paths.AccountsFile);
        Assert.DoesNotContain("secret", text);
        Assert.Contains("pbkdf2-sha256$", text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Paths.AccountsFile));
        Assert.True(new PasswordHasher().Verify("secret", again.PasswordHash));
        Assert.False(new PasswordHasher().Verify("Secret", again.PasswordHash));
    }

    [Fact]
    public void A_repeated_login_is_cheap_but_a_changed_hash_is_checked_again()
    {
        var hasher = new PasswordHasher();
        var hash = PasswordHasher.Hash("pw");
        Assert.True(hasher.Verify("pw", hash));
        Assert.True(hasher.Verify("pw", hash));

        Assert.False(hasher.Verify("other", hash));
        Assert.False(hasher.Verify("pw", PasswordHasher.Hash("new")));
        Assert.True(hasher.Verify("new", PasswordHasher.Hash("new")));
    }

    [Fact]
    public void A_running_reader_sees_another_writers_change_at_once()
    {
        var service = new AccountStore(Paths);
        Assert.Null(service.Find("porch"));

        new AccountStore(Paths).Add(TestAccounts.Camera("porch"));
        Assert.NotNull(service.Find("porch"));

        new AccountStore(Paths).Update("porch", a => a! with { Enabled = false });
        Assert.False(service.Find("porch")!.Enabled);
    }

    [Fact]
    public async Task Concurrent_writers_in_separate_processes_lose_nothing()
    {
        var receiver = Path.Combine(AppContext.BaseDirectory, "receiver.dll");
        var runs = Enumerable.Range(0, 6).Select(i => ReceiverCommand.For(receiver, "--add-camera", $"cam{i}")).Select(command => ExternalProcess.RunAsync(
            command.FileName, command.Arguments, environment: new Dictionary<string, string> { ["Storage__Root"] = Paths.Root })).ToList();
        var inProcess = Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                new AccountStore(Paths).Add(TestAccounts.Camera($"local{i}"));
            }
        });
        var results = await Task.WhenAll(runs);
        await inProcess;

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Describe()));
        var names = new AccountStore(Paths).List().Select(a => a.Name).ToHashSet();
        Assert.Equal(16, names.Count);
    }

    [Fact]
    public void The_lockout_locks_the_address_for_that_account_and_not_the_account_for_everyone()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SecurityOptions { MaxFailuresPerAccount = 3, MaxFailuresPerAddress = 100, LockoutSeconds = 60 });
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var throttle = new LoginThrottle(options, time, NullLogger<LoginThrottle>.Instance);
        var store = new AccountStore(Paths);
        store.Add(TestAccounts.Camera("cam1"));
        var auth = new CameraAuthenticator(store, new PasswordHasher(), throttle, NullLogger<CameraAuthenticator>.Instance);
        var attacker = IPAddress.Parse("192.0.2.66");
        var camera = IPAddress.Parse("192.0.2.10");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(LoginFailure.WrongPassword, auth.CheckPassword("cam1", "guess" + i, attacker, CameraProtocols.Ftp).Failure);
        }

        Assert.Equal(LoginFailure.LockedOut, auth.CheckPassword("cam1", "secret", attacker, CameraProtocols.Ftp).Failure);
        Assert.True(auth.CheckPassword("cam1", "secret", camera, CameraProtocols.Sftp).Succeeded);

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(auth.CheckPassword("cam1", "secret", attacker, CameraProtocols.Ftp).Succeeded);
    }

    [Fact]
    public void Disabled_accounts_wrong_protocols_and_tls_only_accounts_are_refused()
    {
        var store = new AccountStore(Paths);
        store.Add(TestAccounts.Camera("off") with { Enabled = false });
        store.Add(TestAccounts.Camera("sftponly") with { Protocols = CameraProtocols.Sftp });
        store.Add(TestAccounts.Camera("tls") with { RequireTls = true });
        var throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(new SecurityOptions()), TimeProvider.System, NullLogger<LoginThrottle>.Instance);
        var auth = new CameraAuthenticator(store, new PasswordHasher(), throttle, NullLogger<CameraAuthenticator>.Instance);
        var ip = IPAddress.Loopback;

        Assert.Equal(LoginFailure.Disabled, auth.CheckPassword("off", "secret", ip, CameraProtocols.Sftp).Failure);
        Assert.Equal(LoginFailure.ProtocolNotAllowed, auth.CheckPassword("sftponly", "secret", ip, CameraProtocols.Ftp).Failure);
        Assert.Equal(LoginFailure.TlsRequired, auth.CheckPassword("tls", "secret", ip, CameraProtocols.Ftp).Failure);
        Assert.True(auth.CheckPassword("tls", "secret", ip, CameraProtocols.Ftps).Succeeded);
        Assert.Equal(LoginFailure.UnknownUser, auth.CheckPassword("nobody", "secret", ip, CameraProtocols.Ftp).Failure);
    }
}
