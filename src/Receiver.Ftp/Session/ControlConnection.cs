using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Receiver.Ftp.Session;

/// <summary>
/// The control channel of one session: reads command lines from a fixed pooled buffer (no per-line allocation but
/// the string itself) and writes replies, one writer at a time. Can be upgraded to TLS in place (AUTH TLS).
/// </summary>
internal sealed class ControlConnection(Socket socket, int maxLineLength, TimeProvider time) : IAsyncDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Stream _stream = new NetworkStream(socket, ownsSocket: false); // first: a socket it refuses leaves no rented buffer behind
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, maxLineLength + 2));
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _start;
    private int _end;

    public SslStream? Tls { get; private set; }

    /// <summary>Reads one command line without its CRLF; null when the client closed the connection.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var lineEnd = newline > _start && _buffer[newline - 1] == '\r' ? newline - 1 : newline;
                var line = Decode(_buffer.AsSpan(_start, lineEnd - _start));
                _start = newline + 1;
                return line;
            }

            if (_end - _start > maxLineLength)
            {
                throw new ControlLineException("Command line too long.");
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    public async ValueTask WriteAsync(string reply, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(reply);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs the server side of a TLS handshake on the control channel (AUTH TLS or implicit TLS).</summary>
    public async ValueTask UpgradeToTlsAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        if (_end != _start)
        {
            // The client pipelined commands after AUTH TLS; they would be read as plain text after the upgrade.
            throw new ControlLineException("Data received before the TLS handshake.");
        }

        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
        _stream = tls;
        Tls = tls;
    }

    public async ValueTask DisposeAsync()
    {
        if (Tls is not null)
        {
            try
            {
                using var timeout = new Deadline(time, TimeSpan.FromSeconds(2));
                await Tls.ShutdownAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                // The peer is gone already; nothing to notify.
            }
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        socket.Dispose();
        _writeLock.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0xFF) >= 0)
        {
            bytes = StripTelnetCommands(bytes);
        }

        string line;
        try
        {
            line = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ControlLineException("Command line is not valid UTF-8.");
        }

        foreach (var c in line)
        {
            if (char.IsControl(c) && c != '\t')
            {
                throw new ControlLineException("Command line contains control characters.");
            }
        }

        return line;
    }

    // Some clients precede ABOR with Telnet "interrupt process"/"data mark" (IAC IP IAC DM); IAC IAC is a literal 0xFF.
    private static byte[] StripTelnetCommands(ReadOnlySpan<byte> bytes)
    {
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF && i + 1 < bytes.Length)
            {
                i++;
                if (bytes[i] == 0xFF)
                {
                    result.Add(0xFF);
                }

                continue;
            }

            result.Add(bytes[i]);
        }

        return result.ToArray();
    }
}
