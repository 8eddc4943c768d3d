using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>What the host hears from a session (to explain a failed camera test): uploads and refusals.</summary>
public sealed class SftpSessionEventTests : CameraStorageTests
{
    private readonly RecordingSink _events = new();

    [Fact]
    public async Task Completed_refused_and_aborted_uploads_are_published_with_the_session_identity()
    {
        var remote = new IPEndPoint(IPAddress.Loopback, 40000);
        var options = new SftpSessionOptions { Events = _events, SessionId = "s42", RemoteEndPoint = remote };
        await using (var harness = new SftpSessionHarness(Storage.Open(), options))
        {
            await harness.InitAsync();
            var done = await harness.OpenUploadAsync("/done.jpg");
            await harness.RequestAsync(harness.Write(done, 0, [1, 2, 3]));
            await harness.RequestAsync(harness.Close(done));
            await harness.RequestAsync(harness.PathRequest(SftpPacketType.Remove, "/done.jpg"));
            var half = await harness.OpenUploadAsync("/half.jpg");
            await harness.RequestAsync(harness.Write(half, 0, [1]));
            await harness.CloseClientAsync();
        }

        Assert.Collection(
            _events.Events,
            e => Assert.Equal((SessionEventKind.UploadCompleted, "/done.jpg (3 bytes)"), (e.Kind, e.Detail)),
            e => Assert.Equal((SessionEventKind.Refused, "REMOVE /done.jpg: This account may not do deleting."), (e.Kind, e.Detail)),
            e => Assert.Equal(SessionEventKind.UploadFailed, e.Kind));
        Assert.All(_events.Events, e => Assert.Equal((CameraProtocols.Sftp, "s42", (System.Net.EndPoint?)remote, (string?)"cam1"), (e.Protocol, e.SessionId, e.RemoteEndPoint, e.User)));
        Assert.Contains("/half.jpg", _events.Events[2].Detail);
    }

    [Fact]
    public async Task A_disk_that_fills_up_fails_every_write_and_the_close_and_leaves_no_file()
    {
        var fileSystem = new FaultyFileSystem(Storage.Open()) { FailWritesWith = FileSystemError.NoSpace };
        await using var harness = await SftpSessionHarness.StartAsync(fileSystem, new SftpSessionOptions { Events = _events });
        var handle = await harness.OpenUploadAsync("/clip.mp4");

        await harness.SendAsync(harness.Write(handle, 0, new byte[100]), harness.Write(handle, 100, new byte[100]));
        var first = await harness.ReceiveAsync();
        var second = await harness.ReceiveAsync();
        var close = await harness.RequestAsync(harness.Close(handle));

        Assert.Equal((SftpStatusCode.Failure, "the receiver's disk is full"), (first!.StatusCode, first.StatusMessage));
        close.AssertStatus(SftpStatusCode.Failure, "not saved");
        Assert.Equal(SftpStatusCode.Failure, second!.StatusCode);
        var failed = Assert.Single(_events.Events, e => e.Kind == SessionEventKind.UploadFailed);
        Assert.Equal("/clip.mp4: the receiver's disk is full", failed.Detail);
        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task The_subsystem_handler_serves_the_login_file_system_and_publishes_with_the_SSH_session_identity()
    {
        var remote = new IPEndPoint(IPAddress.Loopback, 40001);
        var context = new SshSessionContext("ssh-7", remote, "cam1", Storage.Open(), "password", NullLogger.Instance, _events, TimeProvider.System);
        var handler = SftpSubsystem.Create(new SftpSessionOptions { MaxOpenHandles = 3 });
        await using var harness = new SftpSessionHarness((channel, cancellationToken) => handler(context, channel, cancellationToken));
        await harness.InitAsync();

        var limits = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Extended, harness.NextId()).String("limits@openssh.com").Build());
        var handle = await harness.OpenUploadAsync("/via-ssh.jpg");
        await harness.RequestAsync(harness.Write(handle, 0, [7]));
        await harness.RequestAsync(harness.Close(handle));

        Assert.Equal(3ul, limits.ExtendedValues[3]);
        Assert.Equal([7], File.ReadAllBytes(Storage.OnDisk("via-ssh.jpg")));
        var completed = Assert.Single(_events.Events);
        Assert.Equal((SessionEventKind.UploadCompleted, "ssh-7", (EndPoint)remote), (completed.Kind, completed.SessionId, completed.RemoteEndPoint));
    }

    private sealed class RecordingSink : ISessionEventSink
    {
        private readonly List<SessionEvent> _events = [];

        public List<SessionEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public void Publish(SessionEvent sessionEvent)
        {
            lock (_events)
            {
                _events.Add(sessionEvent);
            }
        }
    }
}
