using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Hosting;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Ftp.Tests.Support;

/// <summary>
/// The FTP server wired to the real host services (accounts, lockout, jailed daily-layout storage, certificate,
/// session journal) exactly as <see cref="FtpServerService"/> wires them, but on ephemeral loopback ports.
/// </summary>
public sealed class HostFtpFixture : IAsyncDisposable
{
    private readonly IHost host;

    private HostFtpFixture(string root, IHost host, FtpServer server)
    {
        Root = root;
        this.host = host;
        Server = server;
    }

    public string Root { get; }

    public FtpServer Server { get; }

    public AccountStore Accounts => host.Services.GetRequiredService<AccountStore>();

    public int Port => Server.ControlEndPoints[0].Port;

    public int ImplicitPort => Server.ImplicitTlsEndPoints[0].Port;

    public string Url => $"ftp://127.0.0.1:{Port}/";

    public static async Task<HostFtpFixture> StartAsync(IDictionary<string, string?>? config = null)
    {
        var root = Directory.CreateTempSubdirectory("ftp-host-").FullName;
        var overrides = new Dictionary<string, string?>(config ?? new Dictionary<string, string?>())
        {
            ["Storage:Root"] = root,
            ["Ftp:Port"] = "0",
            ["Sftp:Port"] = "0",
        };
        var host = ReceiverHost.CreateBuilder(overrides).Build();
        var services = host.Services;
        var options = FtpServerService.CreateServerOptions(
            services.GetRequiredService<IOptions<FtpOptions>>().Value,
            services.GetRequiredService<TlsCertificateStore>().Certificate,
            services.GetRequiredService<ISessionEventSink>(),
            TimeProvider.System);
        options.ControlEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.ImplicitTlsEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.PassivePortMin = 0;
        options.PassivePortMax = 0;
        var authenticator = new CameraFtpAuthenticator(services.GetRequiredService<CameraAuthenticator>(), services.GetRequiredService<CameraStorage>());
        var server = new FtpServer(options, authenticator);
        await server.StartAsync();
        return new HostFtpFixture(root, host, server);
    }

    public CameraAccount AddCamera(string name, string password, CameraPermissions permissions = CameraPermissions.Default, bool requireTls = false) =>
        Accounts.Add(new CameraAccount
        {
            Name = name,
            PasswordHash = PasswordHasher.Hash(password),
            Permissions = permissions,
            RequireTls = requireTls,
        });

    /// <summary>Where a completed upload lands in the daily layout: &lt;root&gt;/&lt;camera&gt;/&lt;yyyy-MM-dd&gt;/&lt;file&gt;.</summary>
    public string FinalPath(string camera, string file)
    {
        var today = DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var path = Path.Combine(Root, camera, today, file);

        // An upload that completed just before midnight went into the previous day.
        var early = Path.Combine(Root, camera, yesterday, file);
        return !File.Exists(path) && File.Exists(early) ? early : path;
    }

    /// <summary>Every file under the camera's folder, hidden or not (to prove a broken upload left nothing).</summary>
    public IReadOnlyList<string> FilesOf(string camera)
    {
        var folder = Path.Combine(Root, camera);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        host.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
