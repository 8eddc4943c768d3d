using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Receiver.Testing;

/// <summary>
/// A byte-level FTP control client: sends exactly what a camera (or a misbehaving client) sends and reads whole
/// replies, as text or as their code. It can connect from a chosen loopback source address (127.0.0.x stands for
/// another machine on the network). Linked into the FTP and reliability test projects.
/// </summary>
internal sealed class RawFtpClient : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawFtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    /// <summary>Connects from <paramref name="source"/> and reads nothing yet: the caller reads the greeting.</summary>
    public static async Task<RawFtpClient> ConnectAsync(string source, int port)
    {
        var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(source), 0));
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        return new RawFtpClient(tcp);
    }

    /// <summary>Connects, checks the 220 greeting and, with <paramref name="login"/>, logs in (the FTP fixtures' camera by default).</summary>
    public static async Task<RawFtpClient> ConnectAsync(int port, bool login = true, string user = "cam1", string password = "secret1")
    {
        var raw = await ConnectAsync("127.0.0.1", port);
        var greeting = await raw.ReadReplyAsync();
        Assert.StartsWith("220", greeting);
        if (login)
        {
            Assert.StartsWith("331", await raw.SendAsync("USER " + user));
            Assert.StartsWith("230", await raw.SendAsync("PASS " + password));
        }

        return raw;
    }

    /// <summary>Connects, reads the greeting and tries one USER/PASS; returns the PASS reply code (230 = in), 0 if the server closed.</summary>
    public static async Task<int> TryLoginAsync(string source, int port, string user, string password)
    {
        using var client = await ConnectAsync(source, port);
        if (await client.ReadReplyCodeAsync() != 220)
        {
            return 0;
        }

        var userReply = await client.CommandAsync("USER " + user);
        return userReply is 331 ? await client.CommandAsync("PASS " + password) : userReply;
    }

    /// <summary>Sends a command line and returns the complete reply (all lines of a multi-line reply).</summary>
    public async Task<string> SendAsync(string line)
    {
        await SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
        return await ReadReplyAsync();
    }

    /// <summary>Sends a command line and returns its reply code; 0 when the server has closed the connection.</summary>
    public async Task<int> CommandAsync(string line)
    {
        try
        {
            await SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
        }
        catch (IOException)
        {
            return 0;
        }

        return await ReadReplyCodeAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads one whole reply; throws when the server closed the connection.</summary>
    public async Task<string> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(ReplyTimeout);
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

    /// <summary>The greeting's or a command's reply code (multi-line replies read to their end); 0 if the server closed.</summary>
    public async Task<int> ReadReplyCodeAsync()
    {
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (IOException)
            {
                return 0;
            }

            if (line is null)
            {
                return 0;
            }

            if (line.Length >= 4 && char.IsAsciiDigit(line[0]) && line[3] == ' ')
            {
                return int.Parse(line.AsSpan(0, 3), provider: null);
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

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        _tcp.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
