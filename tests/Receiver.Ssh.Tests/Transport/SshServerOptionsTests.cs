using Receiver.Options;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>The library's defaults are the host's, and a value out of range stops the start with the option named.</summary>
public sealed class SshServerOptionsTests
{
    [Fact]
    public void The_defaults_are_the_host_s_Sftp_section_defaults()
    {
        var host = new SshOptions();
        var library = new SshServerOptions();
        Assert.Equal(host.Port, library.Port);
        Assert.Equal(host.MaxStartups, library.Limits.MaxStartups.ToString());
        Assert.Equal(host.MaxConnectionsPerSource, library.Limits.MaxConnectionsPerSource);
        Assert.Equal(host.MaxConnections, library.Limits.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(host.LoginGraceTimeSeconds), library.LoginGraceTime);
        Assert.Equal(TimeSpan.FromSeconds(host.IdleTimeoutSeconds), library.IdleTimeout);
        Assert.Equal(host.MaxAuthAttempts, library.MaxAuthAttempts);
        Assert.Equal(host.RekeyAfterMegabytes * 1024L * 1024L, library.RekeyBytes);
        Assert.Equal(TimeSpan.FromMinutes(host.RekeyIntervalMinutes), library.RekeyInterval);
    }

    public static TheoryData<string, Action<SshServerOptions>> OutOfRange => new()
    {
        { nameof(SshServerOptions.Port), o => o.Port = 70000 },
        { "Limits.MaxStartups", o => o.Limits = new() { MaxStartups = new(0, 100, 0) } },
        { "Limits.MaxConnections", o => o.Limits = new() { MaxConnections = 0 } },
        { "Limits.MaxConnectionsPerSource", o => o.Limits = new() { MaxConnectionsPerSource = -1 } },
        { nameof(SshServerOptions.LoginGraceTime), o => o.LoginGraceTime = TimeSpan.Zero },
        { nameof(SshServerOptions.IdleTimeout), o => o.IdleTimeout = TimeSpan.FromSeconds(-1) },
        { nameof(SshServerOptions.MaxPacketSize), o => o.MaxPacketSize = 1000 },
        { nameof(SshServerOptions.MaxAuthAttempts), o => o.MaxAuthAttempts = 0 },
        { nameof(SshServerOptions.MaxChannelsPerConnection), o => o.MaxChannelsPerConnection = 0 },
        { nameof(SshServerOptions.RekeyBytes), o => o.RekeyBytes = 1024 },
        { nameof(SshServerOptions.RekeyInterval), o => o.RekeyInterval = TimeSpan.Zero },
        { nameof(SshServerOptions.KeyExchangeTimeout), o => o.KeyExchangeTimeout = TimeSpan.Zero },
        { nameof(SshServerOptions.FailedAuthenticationDelay), o => o.FailedAuthenticationDelay = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task A_value_out_of_range_stops_the_start_naming_the_option(string option, Action<SshServerOptions> configure)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestServer.StartAsync(configure));
        Assert.Equal(option, error.ParamName);
    }
}
