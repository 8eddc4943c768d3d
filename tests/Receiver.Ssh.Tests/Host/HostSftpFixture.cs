using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Hosting;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Host;

/// <summary>
/// The SSH server wired to the real host (accounts, lockout, jailed daily-layout storage, host keys, session
/// journal) exactly as <see cref="SshServerService"/> wires it, with the real SftpSession, on a free loopback port.
/// </summary>
internal sealed class HostSftpFixture : IAsyncDisposable
{
    private readonly IHost _host;

    private HostSftpFixture(string root, IHost host, SshServer server, RecordingEventSink events)
    {
        Root = root;
        _host = host;
        Server = server;
        Events = events;
    }

    public string Root { get; }

    public SshServer Server { get; }

    public RecordingEventSink Events { get; }

    public int Port => Server.BoundEndPoints[0].Port;

    public AccountStore Accounts => _host.Services.GetRequiredService<AccountStore>();

    public HostKeyStore HostKeys => _host.Services.GetRequiredService<HostKeyStore>();

    public static async Task<HostSftpFixture> StartAsync(Action<SshServerOptions>? configure = null, IDictionary<string, string?>? config = null)
    {
        var root = Directory.CreateTempSubdirectory("sftp-host-").FullName;
        var overrides = new Dictionary<string, string?>(config ?? new Dictionary<string, string?>())
        {
            ["Storage:Root"] = root,
            ["Ftp:Port"] = "0",
            ["Sftp:Port"] = "0",
        };
        var host = ReceiverHost.CreateBuilder(overrides).Build();
        var services = host.Services;
        var events = new RecordingEventSink();
        var authenticator = new SshCameraAuthenticator(
            services.GetRequiredService<CameraAuthenticator>(), services.GetRequiredService<AccountStore>(), services.GetRequiredService<CameraStorage>());
        var options = SshServerService.CreateServerOptions(
            services.GetRequiredService<IOptions<SftpOptions>>().Value,
            services.GetRequiredService<HostKeyStore>(),
            authenticator,
            new FanOutSink(events, services.GetRequiredService<ISessionEventSink>()),
            services.GetRequiredService<ILoggerFactory>());
        options.ListenAddresses = [IPAddress.Loopback];
        options.Port = 0;
        configure?.Invoke(options);
        var server = new SshServer(options, services.GetRequiredService<ILoggerFactory>().CreateLogger("Receiver.Ssh"));
        await server.StartAsync();
        return new HostSftpFixture(root, host, server, events);
    }

    public CameraAccount AddCamera(string name, string password, params string[] authorizedKeys) =>
        Accounts.Add(new CameraAccount
        {
            Name = name,
            PasswordHash = PasswordHasher.Hash(password),
            AuthorizedKeys = authorizedKeys,
        });

    /// <summary>Where a completed upload lands in the daily layout: &lt;root&gt;/&lt;camera&gt;/&lt;yyyy-MM-dd&gt;/&lt;file&gt;.</summary>
    public string FinalPath(string camera, string file)
    {
        var today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = Path.Combine(Root, camera, today, file);
        var early = Path.Combine(Root, camera, yesterday, file);
        return !File.Exists(path) && File.Exists(early) ? early : path;
    }

    public IReadOnlyList<string> FilesOf(string camera)
    {
        var folder = Path.Combine(Root, camera);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

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
