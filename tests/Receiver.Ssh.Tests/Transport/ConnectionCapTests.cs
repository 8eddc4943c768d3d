using Receiver.Abstractions.Networking;
using Receiver.Ssh.Tests.Host;
using Receiver.Ssh.Tests.Sftp;
using Receiver.Ssh.Tests.Support;
using Renci.SshNet;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>
/// The connection caps (total, per address, not yet authenticated): beyond each, a new TCP connection is closed at
/// once, while a camera that has logged in keeps uploading; a slot that frees up is taken again.
/// </summary>
public sealed class ConnectionCapTests : CameraStorageTests
{
    private readonly List<IDisposable> _held = [];

    [Fact]
    public Task Beyond_the_total_cap_new_connections_are_closed_while_a_logged_in_camera_uploads() =>
        AssertThreeSilentConnectionsFillTheCapAsync(o => o.Limits.MaxConnections = 4, "capped.jpg");

    [Fact]
    public async Task Beyond_the_per_address_cap_that_address_is_refused_and_others_still_get_in()
    {
        await using var server = await StartAsync(o => o.Limits.MaxConnectionsPerSource = 2);
        using var camera = Camera(server);
        _held.Add(await SilentConnection.OpenAsync(server.Port, "127.0.0.2"));
        _held.Add(await SilentConnection.OpenAsync(server.Port, "127.0.0.2"));

        Assert.Null(await SilentConnection.TryOpenAsync(server.Port, "127.0.0.2"));
        _held.Add(await SilentConnection.OpenAsync(server.Port, "127.0.0.3"));
        AssertUploads(camera, "per-address.jpg");
    }

    [Fact]
    public Task Beyond_the_unauthenticated_cap_new_connections_are_closed_while_a_logged_in_camera_uploads() =>
        AssertThreeSilentConnectionsFillTheCapAsync(o => o.Limits.MaxStartups = MaxStartups.Cap(3), "unauthenticated.jpg");

    public override void Dispose()
    {
        _held.ForEach(h => h.Dispose());
        base.Dispose();
    }

    /// <summary>
    /// With the camera logged in first (then it no longer counts against a pre-login cap), three silent connections
    /// from other addresses fill the cap <paramref name="limit"/> sets: a fourth is closed at once while the camera
    /// uploads <paramref name="upload"/>, and a slot freed is a slot taken again.
    /// </summary>
    private async Task AssertThreeSilentConnectionsFillTheCapAsync(Action<SshServerOptions> limit, string upload)
    {
        await using var server = await StartAsync(limit);
        using var camera = Camera(server);
        for (var i = 0; i < 3; i++)
        {
            _held.Add(await SilentConnection.OpenAsync(server.Port, $"127.0.0.{2 + i}"));
        }

        Assert.Null(await SilentConnection.TryOpenAsync(server.Port, "127.0.0.9"));
        AssertUploads(camera, upload);

        _held[0].Dispose();
        _held.Add(await SilentConnection.OpenOnceAcceptedAsync(server.Port, "127.0.0.9"));
    }

    private static SftpClient Camera(TestServer server)
    {
        var client = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass"));
        client.Connect();
        return client;
    }

    private void AssertUploads(SftpClient camera, string name)
    {
        var data = SshNetSftpTests.RandomBytes(300_000);
        camera.UploadFile(new MemoryStream(data), "/" + name);
        Assert.Equal(data, File.ReadAllBytes(Storage.OnDisk(name)));
    }

    private Task<TestServer> StartAsync(Action<SshServerOptions> configure) => TestServer.StartSftpAsync(Storage, configure);
}
