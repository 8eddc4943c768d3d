using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Hosting;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;
using Receiver.Ssh.Tests.Support;
using Receiver.Testing;

namespace Receiver.Ssh.Tests.Host;

/// <summary>
/// The SSH server wired to the real host (accounts, lockout, jailed daily-layout storage, host keys, session
/// journal) exactly as <see cref="SshServerService"/> wires it, with the real SftpSession, on a free loopback port.
/// </summary>
internal sealed class HostSftpFixture(TestReceiverHost host, SshServer server, RecordingEventSink events) : HostServerFixture(host)
{
    public SshServer Server { get; } = server;

    public RecordingEventSink Events { get; } = events;

    public int Port => Server.BoundEndPoints[0].Port;

    public HostKeyStore HostKeys => Host.Services.GetRequiredService<HostKeyStore>();

    public static async Task<HostSftpFixture> StartAsync(Action<SshServerOptions>? configure = null, IDictionary<string, string?>? config = null, TimeProvider? storageTime = null)
    {
        var host = TestReceiverHost.Create("sftp-host-", config, storageTime);
        var services = host.Services;
        var events = new RecordingEventSink();
        var authenticator = new SshCameraAuthenticator(
            services.GetRequiredService<CameraAuthenticator>(), services.GetRequiredService<AccountStore>(), services.GetRequiredService<CameraStorage>());
        var options = SshServerService.CreateServerOptions(
            services.GetRequiredService<IOptions<SshOptions>>().Value,
            services.GetRequiredService<IOptions<SecurityOptions>>().Value,
            services.GetRequiredService<HostKeyStore>(),
            authenticator,
            new FanOutSink(events, services.GetRequiredService<ISessionEventSink>()));
        options.ListenAddresses = [IPAddress.Loopback];
        options.Port = 0;
        configure?.Invoke(options);
        var server = new SshServer(options, services.GetRequiredService<ILoggerFactory>().CreateLogger("Receiver.Ssh"));
        await server.StartAsync();
        return new HostSftpFixture(host, server, events);
    }

    public CameraAccount AddCamera(string name, string password, params string[] authorizedKeys) =>
        Host.AddCamera(name, password, account => account with { AuthorizedKeys = authorizedKeys });

    /// <summary>Adds a camera with a password; <paramref name="adjust"/> sets permissions, quota or keys.</summary>
    public CameraAccount AddCamera(string name, string password, Func<CameraAccount, CameraAccount> adjust) =>
        Host.AddCamera(name, password, adjust);

    protected override ValueTask StopServerAsync() => Server.DisposeAsync();

    private sealed class FanOutSink(params ISessionEventSink[] sinks) : ISessionEventSink
    {
        public void Publish(SessionEvent sessionEvent)
        {
            foreach (var sink in sinks)
            {
                sink.Publish(sessionEvent);
            }
        }
    }
}
