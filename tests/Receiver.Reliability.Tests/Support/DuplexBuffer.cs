namespace Receiver.Reliability.Tests.Support;

/// <summary>A channel for an SFTP session: reads come from a fixed input (then end of stream), writes are dropped.</summary>
public sealed class DuplexBuffer(byte[] input) : Stream
{
    private readonly MemoryStream _input = new(input, writable: false);

    public long Written { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => Written += count;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
