using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Hosting;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;
using Receiver.Testing;

namespace Receiver.Ftp.Tests.Support;

/// <summary>
/// The FTP server wired to the real host services (accounts, lockout, jailed daily-layout storage, certificate,
/// session journal) exactly as <see cref="FtpServerService"/> wires them, but on ephemeral loopback ports.
/// </summary>
internal sealed class HostFtpFixture(TestReceiverHost host, FtpServer server) : HostServerFixture(host)
{
    public FtpServer Server { get; } = server;

    public int Port => Server.ControlEndPoints[0].Port;

    public int ImplicitPort => Server.ImplicitTlsEndPoints[0].Port;

    public string Url => $"ftp://127.0.0.1:{Port}/";

    public static async Task<HostFtpFixture> StartAsync(IDictionary<string, string?>? config = null, TimeProvider? storageTime = null)
    {
        var host = TestReceiverHost.Create("ftp-host-", config, storageTime);
        var services = host.Services;
        var options = FtpServerService.CreateServerOptions(
            services.GetRequiredService<IOptions<FtpOptions>>().Value,
            services.GetRequiredService<IOptions<SecurityOptions>>().Value,
            services.GetRequiredService<TlsCertificateStore>().Certificate,
            services.GetRequiredService<ISessionEventSink>(),
            TimeProvider.System);
        options.ControlEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.ImplicitTlsEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.PassivePortMin = 0;
        options.PassivePortMax = 0;
        var authenticator = new CameraFtpAuthenticator(services.GetRequiredService<CameraAuthenticator>(), services.GetRequiredService<CameraStorage>(), TimeProvider.System);
        var server = new FtpServer(options, authenticator);
        await server.StartAsync();
        return new HostFtpFixture(host, server);
    }

    public CameraAccount AddCamera(string name, string password, CameraPermissions permissions = CameraPermissions.Default, bool requireTls = false, long? quotaMegabytes = null) =>
        Host.AddCamera(name, password, account => account with { Permissions = permissions, RequireTls = requireTls, QuotaMegabytes = quotaMegabytes });

    protected override ValueTask StopServerAsync() => Server.DisposeAsync();
}
