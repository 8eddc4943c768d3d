using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Xunit.Abstractions;

namespace Receiver.Reliability.Tests;

/// <summary>
/// Mutated seeds (fuzz/corpus) against whole running servers over TCP: the receiver process's FTP listener and an
/// SshServer before authentication. Where FuzzHarnessTests checks each decoder's outcome, these check the server's:
/// every bad session ends, and the server keeps serving. Coverage-guided fuzzing of the decoders is fuzz/run.sh.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "Sup3rSecret";
    private readonly DataRoot _root = new();

    [Fact]
    public async Task Ftp_command_parser_ends_only_the_session_on_any_input()
    {
        _root.AddCamera("cam", Password);
        await using var receiver = await ReceiverProcess.StartAsync(_root.Path, new Dictionary<string, string>
        {
            ["Security__MaxFailuresPerAddress"] = "10000",
            ["Security__MaxFailuresPerAccount"] = "1000",
            ["Ftp__MaxConnectionsPerSource"] = "64",
            ["Ftp__MaxStartups"] = "64",

            // The parser is on trial here, not admission: no per-source penalties for the fuzzer's failed sessions.
            ["Security__PerSourcePenalties__AuthFailureSeconds"] = "0",
            ["Security__PerSourcePenalties__NoAuthSeconds"] = "0",
            ["Security__PerSourcePenalties__GraceExceededSeconds"] = "0",
            ["Ftp__DataConnectionTimeoutSeconds"] = "1",
        });
        var seeds = Mutator.Corpus("ftp").Select(s => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(s).Replace("{password}", Password, StringComparison.Ordinal))).ToList();
        var mutator = new Mutator(seeds, seed: 3);
        var executions = await RunOverTcpAsync(receiver.FtpPort, mutator, 60);

        Assert.False(receiver.HasExited, receiver.Log);
        Assert.Equal(230, await RawFtpClient.TryLoginAsync("127.0.0.1", receiver.FtpPort, "cam", Password));
        Assert.DoesNotContain("Unhandled", receiver.Log, StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"ftp: {executions} executions, no finding");
    }

    /// <summary>
    /// Regression for a fuzz/run.sh finding (fuzz/corpus/ftp/regression-abor-*.txt): ABOR while the server still
    /// waited for the data connection of a LIST let the transfer's cancellation escape, which ended the whole control
    /// session (no reply to ABOR, "FTP transfer failed" logged as an error). RFC 959: 426 for the aborted command,
    /// then 226 for ABOR, and the session goes on.
    /// </summary>
    [Fact]
    public async Task Abor_while_the_data_connection_is_awaited_answers_426_then_226_and_the_session_goes_on()
    {
        _root.AddCamera("cam", Password);
        await using var receiver = await ReceiverProcess.StartAsync(_root.Path);
        using var client = await RawFtpClient.ConnectAsync("127.0.0.1", receiver.FtpPort);
        Assert.Equal(220, await client.ReadReplyCodeAsync());
        Assert.Equal(331, await client.CommandAsync("USER cam"));
        Assert.Equal(230, await client.CommandAsync("PASS " + Password));
        Assert.Equal(227, await client.CommandAsync("PASV"));
        await client.SendRawAsync("LIST\r\n"u8.ToArray());

        Assert.Equal(426, await client.CommandAsync("ABOR"));
        Assert.Equal(226, await client.ReadReplyCodeAsync());
        Assert.Equal(200, await client.CommandAsync("NOOP"));
        Assert.DoesNotContain("FTP transfer failed", receiver.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_version_packet_and_message_decoders_end_only_the_connection_on_any_input()
    {
        var options = new SshServerOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            HostKeys = [SshHostKey.GenerateEd25519()],
            Authenticator = new NobodyAuthenticator(),
            Limits = new ConnectionLimits { MaxConnectionsPerSource = 64, MaxStartups = MaxStartups.Cap(64) },
            LoginGraceTime = TimeSpan.FromSeconds(10),
        };
        await using var server = new SshServer(options, NullLogger.Instance);
        await server.StartAsync();
        var port = server.BoundEndPoints[0].Port;
        var mutator = new Mutator(Mutator.Corpus("ssh"), seed: 4);
        var executions = await RunOverTcpAsync(port, mutator, 300);

        // Still serving: a fresh client gets the server's version line.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await tcp.GetStream().WriteAsync("SSH-2.0-check\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await tcp.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("SSH-2.0-", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
        output.WriteLine($"ssh: {executions} executions, no finding");
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Sends each input on its own connection (16 at a time), half-closes, and reads until the server closes.</summary>
    private static async Task<int> RunOverTcpAsync(int port, Mutator mutator, int normalCount)
    {
        var executions = 0;
        var inputs = Mutator.Iterations(normalCount).Select(i => (Index: i, Data: mutator.Next()));
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (input, _) =>
        {
            Interlocked.Increment(ref executions);
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            try
            {
                await stream.WriteAsync(input.Data);
                tcp.Client.Shutdown(SocketShutdown.Send);
                var buffer = new byte[4096];
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (await stream.ReadAsync(buffer, deadline.Token) > 0)
                {
                }
            }
            catch (IOException)
            {
                // The server dropped the connection: the expected end of a bad session.
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"input {input.Index} ({Convert.ToHexString(input.Data)}): the server neither answered to the end nor closed");
            }
        });
        return executions;
    }

    private sealed class NobodyAuthenticator : ISshAuthenticator
    {
        public SshAuthResult CheckPassword(SshAuthRequest request, string password) => SshAuthResult.Failure("fuzzing");

        public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, SshKeyCheck check) => SshAuthResult.Failure("fuzzing");

        public bool AllowsSha1RsaSignatures(SshAuthRequest request) => false;
    }
}
