using System.Text;

namespace Receiver.Ftp.Tests.Support;

/// <summary>A byte-level FTP control client for quirk tests: sends exactly what a camera sends and reads whole replies.</summary>
internal sealed class RawFtpClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawFtpClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    public static async Task<RawFtpClient> ConnectAsync(int port, bool login = true)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var raw = new RawFtpClient(client);
        var greeting = await raw.ReadReplyAsync();
        Assert.StartsWith("220", greeting);
        if (login)
        {
            Assert.StartsWith("331", await raw.SendAsync("USER cam1"));
            Assert.StartsWith("230", await raw.SendAsync("PASS secret1"));
        }

        return raw;
    }

    /// <summary>Sends a command line and returns the complete reply (all lines of a multi-line reply).</summary>
    public async Task<string> SendAsync(string line)
    {
        await SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
        return await ReadReplyAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads one reply; null when the server closed the connection.</summary>
    public async Task<string> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var first = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("server closed the connection");
        if (first.Length < 4 || first[3] != '-')
        {
            return first;
        }

        var builder = new StringBuilder(first);
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("server closed inside a multi-line reply");
            builder.Append('\n').Append(line);
            if (line.Length >= 4 && line.StartsWith(first[..3], StringComparison.Ordinal) && line[3] == ' ')
            {
                return builder.ToString();
            }
        }
    }

    /// <summary>True when the server has closed the control connection (reads EOF within the timeout).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is not null)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Sends EPSV and returns the data port.</summary>
    public async Task<int> EpsvAsync()
    {
        var reply = await SendAsync("EPSV");
        Assert.StartsWith("229", reply);
        var start = reply.IndexOf("(|||", StringComparison.Ordinal) + 4;
        return int.Parse(reply[start..reply.IndexOf('|', start)], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
