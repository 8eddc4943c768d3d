using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Sftp;
using Receiver.Ssh.Tests.Host;
using Receiver.Ssh.Tests.Sftp;
using Receiver.Ssh.Tests.Support;
using Renci.SshNet;
using Xunit.Abstractions;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>
/// What the SSH library logs at Information for one SSH.NET session that uploads two files: each fact once (the
/// key exchange, the client's goodbye), nothing twice. A login is the authenticator's fact and a committed upload
/// storage's: their one Information line each comes from the host (LoginLogTests and UploadLogTests in the
/// reliability suite), so the library logs neither at Information.
/// </summary>
public sealed class InformationLogTests(ITestOutputHelper output) : CameraStorageTests
{
    [Fact]
    public async Task One_session_with_two_uploads_logs_one_Information_line_per_fact_and_none_for_the_login_or_the_uploads()
    {
        var log = new RecordingLogger<SshServer>();
        await using var server = await TestServer.StartAsync(o => o.SftpSubsystem = SftpSubsystem.Create(), log);
        server.Authenticator.FileSystemFactory = _ => Storage.Open();
        using (var client = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass")))
        {
            client.Connect();
            client.UploadFile(new MemoryStream(SshNetSftpTests.RandomBytes(10_000)), "/one.jpg");
            client.UploadFile(new MemoryStream(SshNetSftpTests.RandomBytes(20_000)), "/two.jpg");
            client.Disconnect();
        }

        await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.Closed);
        var information = log.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToArray();
        foreach (var line in information)
        {
            output.WriteLine(line);
        }

        Assert.Collection(
            information.Where(l => !l.StartsWith("SSH server listening", StringComparison.Ordinal)),
            l => Assert.StartsWith("SSH key exchange done: curve25519-sha256", l),
            l => Assert.StartsWith("Client disconnected (ByApplication)", l));
    }
}
