using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Ssh.Sftp;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>
/// Runs an <see cref="SftpSession"/> in-process over a pair of pipes and plays the client with hand-built packets.
/// </summary>
internal sealed class SftpSessionHarness : IAsyncDisposable
{
    /// <summary>The OPEN flags of an upload: write, create, truncate.</summary>
    public const SftpOpenFlags UploadFlags = SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Truncate;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly CancellationTokenSource _cancellation = new();
    private uint _nextId = 1;

    public SftpSessionHarness(ISessionFileSystem fileSystem, SftpSessionOptions? options = null)
        : this(new SftpSession(fileSystem, NullLogger.Instance, options).RunAsync)
    {
    }

    /// <summary>A session on <paramref name="fileSystem"/> past INIT (version 3), ready for requests.</summary>
    public static async Task<SftpSessionHarness> StartAsync(ISessionFileSystem fileSystem, SftpSessionOptions? options = null)
    {
        var harness = new SftpSessionHarness(fileSystem, options);
        try
        {
            await harness.InitAsync();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="serve"/> (a session, or a subsystem handler around one) on the server end.</summary>
    public SftpSessionHarness(Func<Stream, CancellationToken, Task> serve)
    {
        var channel = new DuplexStream(_toServer.Reader.AsStream(), _toClient.Writer.AsStream());
        Session = Task.Run(async () =>
        {
            try
            {
                await serve(channel, _cancellation.Token);
            }
            finally
            {
                // What the SSH layer does once the subsystem returns: close the channel.
                await _toClient.Writer.CompleteAsync();
            }
        });
    }

    /// <summary>The server's run; it must finish without an exception whatever the client sent.</summary>
    public Task Session { get; }

    public uint NextId() => _nextId++;

    public async Task SendAsync(params byte[][] packets)
    {
        // All packets go out in one write, so the server sees them queued together (pipelining).
        foreach (var packet in packets)
        {
            _toServer.Writer.Write(packet);
        }

        await _toServer.Writer.FlushAsync();
    }

    /// <summary>The next reply, or null when the server closed the channel.</summary>
    public async Task<SftpReply?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var result = await _toClient.Reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                var length = ReadLength(buffer);
                if (buffer.Length >= 4 + length)
                {
                    var payload = buffer.Slice(4, length).ToArray();
                    _toClient.Reader.AdvanceTo(buffer.GetPosition(4 + length));
                    return new SftpReply((SftpPacketType)payload[0], payload.Length >= 5 ? BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(1)) : 0, payload.Length >= 5 ? payload[5..] : []);
                }
            }

            if (result.IsCompleted)
            {
                _toClient.Reader.AdvanceTo(buffer.End);
                return null;
            }

            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async Task<SftpReply> RequestAsync(byte[] packet)
    {
        await SendAsync(packet);
        return await ReceiveAsync() ?? throw new InvalidOperationException("the server closed the channel");
    }

    /// <summary>INIT; returns the VERSION reply (its Id field holds the version).</summary>
    public Task<SftpReply> InitAsync() => RequestAsync(new SftpPacketBuilder(SftpPacketType.Init).UInt32(3).Build());

    public async Task<byte[]> OpenAsync(string path, SftpOpenFlags flags)
    {
        var reply = await RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Open, NextId()).String(path).UInt32((uint)flags).NoAttributes().Build());
        return reply.Handle;
    }

    /// <summary>Opens <paramref name="path"/> as a camera's put does (<see cref="UploadFlags"/>) and returns the handle.</summary>
    public Task<byte[]> OpenUploadAsync(string path) => OpenAsync(path, UploadFlags);

    public byte[] Write(byte[] handle, ulong offset, ReadOnlySpan<byte> data, uint? id = null)
        => SftpPacketBuilder.Request(SftpPacketType.Write, id ?? NextId()).Bytes(handle).UInt64(offset).Bytes(data).Build();

    public byte[] Close(byte[] handle, uint? id = null) => SftpPacketBuilder.Request(SftpPacketType.Close, id ?? NextId()).Bytes(handle).Build();

    public byte[] Fsync(byte[] handle) => SftpPacketBuilder.Request(SftpPacketType.Extended, NextId()).String("fsync@openssh.com").Bytes(handle).Build();

    public byte[] PathRequest(SftpPacketType type, string path) => SftpPacketBuilder.Request(type, NextId()).String(path).Build();

    /// <summary>The transport gives up on the session (connection lost, server stopping).</summary>
    public async Task CancelAsync()
    {
        await _cancellation.CancelAsync();
        await Session.WaitAsync(Timeout);
    }

    /// <summary>The client closes its side; the session must then end on its own.</summary>
    public async Task CloseClientAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Session.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        try
        {
            await Session.WaitAsync(Timeout);
        }
        finally
        {
            _cancellation.Dispose();
        }
    }

    private static uint ReadLength(ReadOnlySequence<byte> buffer)
    {
        Span<byte> length = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(length);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }
}
