using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Accounts;
using Receiver.Provisioning.Cgi;
using Receiver.Reliability.Tests.Support;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Sftp;
using Receiver.Storage;
using Xunit.Abstractions;

namespace Receiver.Reliability.Tests;

/// <summary>
/// Mutation fuzzing of the decoders an attacker or a broken camera reaches, from the committed seed corpus
/// (fuzz/corpus): the CGI response parser, the SFTP packet decoder (after INIT, on real storage), the FTP command
/// parser and the SSH version/packet/message decoders (over TCP, before authentication). A finding is an
/// exception other than the decoder's own protocol errors, a session that does not end, or a server that stops
/// serving. The normal run does a fixed number of inputs; fuzz/run.sh runs each target for FUZZ_SECONDS.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "Sup3rSecret";
    private readonly DataRoot _root = new();

    [Fact]
    public void Cgi_response_parser_takes_any_body()
    {
        var mutator = new Mutator(Mutator.Corpus("cgi"), seed: 1);
        var executions = 0;
        foreach (var iteration in Mutator.Iterations(20_000))
        {
            executions++;
            var body = Encoding.UTF8.GetString(mutator.Next());
            var response = CgiResponse.Parse(body);
            _ = response.ResponseCode;
            foreach (var (name, _) in response.Values)
            {
                try
                {
                    response.RequireInt(name);
                }
                catch (CameraProtocolException)
                {
                    // The documented answer to a value that is not a number.
                }
            }
        }

        output.WriteLine($"cgi: {executions} executions, no finding");
    }

    [Fact]
    public async Task Sftp_packet_decoder_ends_only_the_session_on_any_input()
    {
        var storage = new CameraStorage(_root.Path);
        var account = new CameraAccount { Name = "cam", PasswordHash = PasswordHasher.Hash(Password) };
        var init = new byte[9];
        BinaryPrimitives.WriteUInt32BigEndian(init, 5);
        init[4] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(init.AsSpan(5), 3);
        var mutator = new Mutator(Mutator.Corpus("sftp"), seed: 2);
        var executions = 0;
        foreach (var i in Mutator.Iterations(400))
        {
            executions++;
            var input = mutator.Next();
            var channel = new DuplexBuffer([.. init, .. input]);
            var session = new SftpSession(storage.OpenSession(account, "sftp", null), NullLogger.Instance);
            var run = session.RunAsync(channel, CancellationToken.None);
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.True(finished == run, $"input {i} ({Convert.ToHexString(input)}): the session did not end at end of input");
            try
            {
                await run;
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {i} ({Convert.ToHexString(input)}): {ex}");
            }
        }

        // Every staged upload was aborted with its session: nothing left in the incoming folder.
        Assert.Empty(_root.Temporaries());
        output.WriteLine($"sftp: {executions} executions, no finding");
    }

    [Fact]
    public async Task Ftp_command_parser_ends_only_the_session_on_any_input()
    {
        _root.AddCamera("cam", Password);
        await using var receiver = await ReceiverProcess.StartAsync(_root.Path, new Dictionary<string, string>
        {
            ["Security__MaxFailuresPerAddress"] = "10000",
            ["Security__MaxFailuresPerAccount"] = "1000",
            ["Ftp__MaxConnectionsPerIp"] = "64",
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

    [Fact]
    public async Task Ssh_version_packet_and_message_decoders_end_only_the_connection_on_any_input()
    {
        var options = new SshServerOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            HostKeys = [SshHostKey.GenerateEd25519()],
            Authenticator = new NobodyAuthenticator(),
            MaxConnectionsPerAddress = 64,
            MaxUnauthenticatedConnections = 64,
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

        public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, bool signatureVerified) => SshAuthResult.Failure("fuzzing");

        public bool AllowsSha1RsaSignatures(SshAuthRequest request) => false;
    }
}
