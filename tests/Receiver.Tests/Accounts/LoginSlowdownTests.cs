using System.Net;

namespace Receiver.Tests.Accounts;

/// <summary>
/// Failed logins against an attacker who rotates addresses: each failure of an account, from any source, slows the
/// answer to its next failure (capped, never a lock), while the camera's own login is answered at once; sources are
/// grouped by Security:PerSourceNetBlockSize.
/// </summary>
public sealed class LoginSlowdownTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Guesses_from_rotating_ipv6_addresses_are_slowed_up_to_the_cap_and_the_camera_still_logs_in_at_once()
    {
        var auth = Authenticator(new SecurityOptions { AccountSlowdownStepMilliseconds = 250, AccountSlowdownMaxMilliseconds = 3000 });
        var delays = new List<TimeSpan>();
        for (var i = 1; i <= 30; i++)
        {
            var rotating = IPAddress.Parse($"2001:db8::{i:x}");
            var result = auth.CheckPassword("cam1", "guess" + i, rotating, CameraProtocols.Sftp);
            Assert.Equal(LoginFailure.WrongPassword, result.Failure); // never a lock: every address is new
            delays.Add(result.FailureDelay);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(250), delays[0]);
        Assert.True(delays.Zip(delays.Skip(1)).All(pair => pair.Second >= pair.First), string.Join(", ", delays));
        Assert.Equal(TimeSpan.FromSeconds(3), delays[^1]);

        var camera = auth.CheckPassword("cam1", "secret", IPAddress.Parse("2001:db8::c0"), CameraProtocols.Sftp);
        Assert.True(camera.Succeeded);
        Assert.Equal(TimeSpan.Zero, camera.FailureDelay);

        // Another account is not slowed by the guesses against this one.
        Assert.Equal(TimeSpan.FromMilliseconds(250), auth.CheckPassword("cam2", "guess", IPAddress.Parse("2001:db8::99"), CameraProtocols.Sftp).FailureDelay);
    }

    [Theory]
    [InlineData("32:128", false)]
    [InlineData("32:64", true)]
    public void Failures_count_per_source_as_the_net_block_size_groups_addresses(string netBlockSize, bool lockedOut)
    {
        var auth = Authenticator(new SecurityOptions { MaxFailuresPerAccount = 3, MaxFailuresPerAddress = 100, PerSourceNetBlockSize = netBlockSize });
        for (var i = 1; i <= 3; i++)
        {
            auth.CheckPassword("cam1", "guess", IPAddress.Parse($"2001:db8::{i}"), CameraProtocols.Ftp);
        }

        var next = auth.CheckPassword("cam1", "secret", IPAddress.Parse("2001:db8::4"), CameraProtocols.Ftp);
        Assert.Equal(lockedOut ? LoginFailure.LockedOut : LoginFailure.None, next.Failure);
    }

    [Fact]
    public void An_unknown_name_fails_like_a_wrong_password_after_the_same_password_work()
    {
        var auth = Authenticator(new SecurityOptions());
        var unknown = auth.CheckPassword("nobody", "guess", IPAddress.Loopback, CameraProtocols.Ftp);
        Assert.Equal(LoginFailure.UnknownUser, unknown.Failure);
        Assert.True(unknown.FailureDelay > TimeSpan.Zero);
    }

    public void Dispose() => _temp.Dispose();

    private CameraAuthenticator Authenticator(SecurityOptions security)
    {
        var store = new AccountStore(new Receiver.Storage.DataPaths(_temp.Combine("data")));
        store.Add(TestAccounts.Camera("cam1"));
        store.Add(TestAccounts.Camera("cam2"));
        var throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(security), new FakeTimeProvider(), NullLogger<LoginThrottle>.Instance);
        return new CameraAuthenticator(store, new PasswordHasher(), throttle, NullLogger<CameraAuthenticator>.Instance);
    }
}
