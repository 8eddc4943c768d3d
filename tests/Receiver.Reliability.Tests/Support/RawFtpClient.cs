using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A minimal FTP control-connection client bound to a chosen loopback source address (127.0.0.x stands for
/// another machine on the network), for login attempts and misbehaving clients.
/// </summary>
public sealed class RawFtpClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private RawFtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

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

    /// <summary>The greeting's or a command's reply code (multi-line replies read to their end); 0 if the server closed.</summary>
    public async Task<int> ReadReplyAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
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

    public async Task<int> CommandAsync(string line)
    {
        try
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        }
        catch (IOException)
        {
            return 0;
        }

        return await ReadReplyAsync();
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Connects, reads the greeting and tries one USER/PASS; returns the PASS reply code (230 = in).</summary>
    public static async Task<int> TryLoginAsync(string source, int port, string user, string password)
    {
        using var client = await ConnectAsync(source, port);
        if (await client.ReadReplyAsync() != 220)
        {
            return 0;
        }

        var userReply = await client.CommandAsync("USER " + user);
        return userReply is 331 ? await client.CommandAsync("PASS " + password) : userReply;
    }

    public void Dispose() => _tcp.Dispose();
}
