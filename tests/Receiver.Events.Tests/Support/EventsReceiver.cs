using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receiver.Accounts;
using Receiver.Hosting;
using Renci.SshNet;

namespace Receiver.Events.Tests.Support;

/// <summary>
/// The real receiver host in this process, with its sFTP and FTP listeners on free loopback ports and the given
/// Events settings, on a temporary data folder. Cameras upload through SSH.NET (sFTP) and curl (FTP).
/// </summary>
/// <param name="ownedRoot">The temporary data folder this receiver made and removes; null when the test passed its own.</param>
internal sealed class EventsReceiver(IHost host, string root, int sftpPort, int ftpPort, TempFolder? ownedRoot) : IAsyncDisposable
{
    public string Root { get; } = root;

    public int SftpPort { get; } = sftpPort;

    public int FtpPort { get; } = ftpPort;

    public IServiceProvider Services => host.Services;

    public AccountStore Accounts => Services.GetRequiredService<AccountStore>();

    public static async Task<EventsReceiver> StartAsync(IDictionary<string, string?> events, string? root = null)
    {
        var ownedRoot = root is null ? new TempFolder("events-receiver-") : null;
        root ??= ownedRoot!.Path;
        var sftp = FreePort.Get();
        var ftp = FreePort.Get();
        var config = LoopbackSettings.For(root, sftp, ftp);
        config["Serilog:MinimumLevel:Default"] = "Warning";
        foreach (var (key, value) in events)
        {
            config[key] = value;
        }

        var host = ReceiverHost.CreateBuilder(config).Build();
        await host.StartAsync();
        await FreePort.WaitForListenerAsync(sftp);
        await FreePort.WaitForListenerAsync(ftp);
        return new EventsReceiver(host, root, sftp, ftp, ownedRoot);
    }

    public CameraAccount AddCamera(string name, string password, Func<CameraAccount, CameraAccount>? adjust = null)
    {
        var account = new CameraAccount { Name = name, PasswordHash = PasswordHasher.Hash(password) };
        return Accounts.Add(adjust is null ? account : adjust(account));
    }

    /// <summary>Uploads over sFTP with SSH.NET; returns once the client has its reply.</summary>
    public void UploadSftp(string camera, string password, string remoteName, byte[] bytes)
    {
        var info = new ConnectionInfo("127.0.0.1", SftpPort, camera, new PasswordAuthenticationMethod(camera, password)) { Timeout = TimeSpan.FromSeconds(20) };
        using var client = new SftpClient(info) { OperationTimeout = TimeSpan.FromSeconds(60) };
        client.Connect();
        using var input = new MemoryStream(bytes);
        client.UploadFile(input, "/" + remoteName);
        client.Disconnect();
    }

    /// <summary>Uploads over FTP with curl; returns curl's result (exit 0 once the 226 arrived).</summary>
    public async Task<ExternalProcess.Result> UploadFtpAsync(string camera, string password, string remoteName, byte[] bytes)
    {
        var local = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}-{remoteName}");
        await File.WriteAllBytesAsync(local, bytes);
        try
        {
            return await ExternalProcess.RunAsync("curl", ["-sS", "--max-time", "60", "-T", local, $"ftp://127.0.0.1:{FtpPort}/{remoteName}", "--user", $"{camera}:{password}"]);
        }
        finally
        {
            File.Delete(local);
        }
    }

    /// <summary>The committed file of today (daily layout) under the camera's folder, by name.</summary>
    public string FileOf(string camera, string name) =>
        Directory.GetFiles(Path.Combine(Root, camera), name, SearchOption.AllDirectories).Single();

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async Task StopAsync() => await host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync();
        }
        catch (OperationCanceledException)
        {
        }

        host.Dispose();
        ownedRoot?.Dispose();
    }
}
