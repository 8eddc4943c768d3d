using System.Buffers.Binary;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>Bad input ends the session cleanly: RunAsync returns, the channel closes, open uploads are aborted.</summary>
public sealed class SftpMalformedPacketTests : CameraStorageTests
{
    [Fact]
    public async Task An_oversized_packet_ends_the_session_without_waiting_for_its_body()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x7FFFFFFF);
        header[4] = (byte)SftpPacketType.Write;
        await harness.SendAsync(header);

        Assert.Null(await harness.ReceiveAsync());
        await harness.Session; // completed, and without an exception
    }

    [Fact]
    public async Task A_packet_just_over_the_limit_ends_the_session()
    {
        var options = new SftpSessionOptions { MaxPacketLength = 40000, MaxReadLength = 32768, MaxWriteLength = 32768 };
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open(), options);
        var handle = await harness.OpenAsync("/big.bin", SftpOpenFlags.Write | SftpOpenFlags.Create);

        await harness.SendAsync(harness.Write(handle, 0, new byte[40001]));

        Assert.Null(await harness.ReceiveAsync());
        await harness.Session;
        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task A_truncated_packet_followed_by_end_of_stream_ends_the_session()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenAsync("/cut.jpg", SftpOpenFlags.Write | SftpOpenFlags.Create);

        var write = harness.Write(handle, 0, new byte[1000]);
        await harness.SendAsync(write[..300]);
        await harness.CloseClientAsync();

        Assert.Null(await harness.ReceiveAsync());
        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task A_string_longer_than_its_packet_ends_the_session()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        await harness.SendAsync(SftpPacketBuilder.Request(SftpPacketType.Stat, 7).UInt32(5000).Raw((byte)'/', (byte)'a').Build());

        Assert.Null(await harness.ReceiveAsync());
        await harness.Session;
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })] // empty packet
    [InlineData(new byte[] { 0, 0, 0, 1, (byte)SftpPacketType.Stat })] // no request id
    [InlineData(new byte[] { 0, 0, 0, 5, 1, 0, 0, 0, 3 })] // INIT a second time
    public async Task Packets_without_their_mandatory_fields_end_the_session(byte[] packet)
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        await harness.SendAsync(packet);

        Assert.Null(await harness.ReceiveAsync());
        await harness.Session;
    }

    [Fact]
    public async Task A_request_before_init_ends_the_session()
    {
        await using var harness = new SftpSessionHarness(Storage.Open());

        await harness.SendAsync(harness.PathRequest(SftpPacketType.Stat, "/"));

        Assert.Null(await harness.ReceiveAsync());
        await harness.Session;
    }

    [Fact]
    public async Task Replies_to_requests_before_a_bad_packet_still_arrive()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        await harness.SendAsync(harness.PathRequest(SftpPacketType.Realpath, "."), [0, 0, 0, 0]);

        var reply = await harness.ReceiveAsync();
        Assert.NotNull(reply);
        Assert.Equal("/", Assert.Single(reply.Names).Name);
        Assert.Null(await harness.ReceiveAsync());
    }

    [Fact]
    public async Task Random_garbage_after_init_never_crashes_the_session()
    {
        var random = new Random(20261128); // fixed seed: the same inputs on every run
        for (var round = 0; round < 100; round++)
        {
            await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
            var packets = Enumerable.Range(0, random.Next(1, 8)).Select(_ =>
            {
                var payload = new byte[random.Next(1, 64)];
                random.NextBytes(payload);
                payload[0] = (byte)random.Next(1, 22); // mostly real request types, with garbage fields
                var packet = new byte[4 + payload.Length];
                BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)payload.Length);
                payload.CopyTo(packet, 4);
                return packet;
            }).ToArray();

            await harness.SendAsync(packets);
            await harness.CloseClientAsync(); // throws if the session failed or did not end

            while (await harness.ReceiveAsync() is { } reply)
            {
                Assert.Contains(reply.Type, new[] { SftpPacketType.Status, SftpPacketType.Handle, SftpPacketType.Name, SftpPacketType.Attrs, SftpPacketType.Data, SftpPacketType.ExtendedReply });
            }
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Storage.Storage.Paths.IncomingFolder));
    }
}
