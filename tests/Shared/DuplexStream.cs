namespace Receiver.Testing;

/// <summary>
/// Reads from one stream and writes to another, like one end of an SSH channel: the SFTP harness's in-memory pipes,
/// a socket read directly (the server's zero-byte-read idiom keeps working) and written through a buffer, or a fuzz
/// input read to its end with the replies dropped. Linked into the SSH test project and the fuzz harness.
/// </summary>
internal sealed class DuplexStream(Stream readFrom, Stream writeTo) : Receiver.Abstractions.Networking.DuplexStreamBase
{
    public override int Read(byte[] buffer, int offset, int count) => readFrom.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => readFrom.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => writeTo.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => writeTo.WriteAsync(buffer, cancellationToken);

    public override void Flush() => writeTo.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writeTo.FlushAsync(cancellationToken);
}
