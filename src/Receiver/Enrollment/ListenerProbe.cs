using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Receiver.Options;
using Receiver.Provisioning.Workflow;

namespace Receiver.Enrollment;

/// <summary>
/// Is the service up? Each enabled listener must answer on loopback (or on the one address it is bound to) with its
/// greeting. The one probe of --health, GET /healthz and enrollment.
/// </summary>
internal sealed class ListenerProbe(IOptions<SshOptions> ssh, IOptions<FtpOptions> ftp) : IReceiverService
{
    private const string StartHint = "start it first: 'systemctl start receiver' (or 'docker compose up -d'), then check with 'receiver --health'";

    /// <summary>A listener's answer: whether it greeted as it should, and what it sent (empty when nothing).</summary>
    public sealed record Answer(string Name, int Port, bool Ok, string Text);

    /// <summary>The listeners switched on (port not 0), as "sftp" and "ftp".</summary>
    public IReadOnlyList<UploadProtocol> Enabled() =>
        [.. new[] { UploadProtocol.Sftp, UploadProtocol.Ftp }.Where(p => Listener(p).Port != 0)];

    /// <summary>The listener's short name ("sftp", "ftp") and port.</summary>
    public (string Name, int Port) Identify(UploadProtocol protocol) => (Listener(protocol).Name, Listener(protocol).Port);

    public async Task<ServiceStatus> CheckAsync(UploadProtocol protocol, CancellationToken cancellationToken)
    {
        var (_, title, port, _, _) = Listener(protocol);
        if (port == 0)
        {
            return new ServiceStatus(false, $"the {title} server is switched off in the configuration (port 0)");
        }

        var answer = await ProbeAsync(protocol, cancellationToken);
        return answer.Ok
            ? new ServiceStatus(true, $"the service answers on its {title} port {port}")
            : new ServiceStatus(false, $"nothing answers on the {title} port {port}{(answer.Text.Length > 0 ? $" (got '{answer.Text}')" : string.Empty)}; {StartHint}");
    }

    /// <summary>Connects to the listener of <paramref name="protocol"/> and reads its greeting (5 s at most).</summary>
    public async Task<Answer> ProbeAsync(UploadProtocol protocol, CancellationToken cancellationToken)
    {
        var (name, _, port, greeting, listen) = Listener(protocol);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var text = string.Empty;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(ListenAddress.ProbeTarget(listen), port, timeout.Token);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
            text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            // Nothing answered: the empty text says so.
        }

        return new Answer(name, port, text.StartsWith(greeting, StringComparison.Ordinal), text);
    }

    private (string Name, string Title, int Port, string Greeting, string Listen) Listener(UploadProtocol protocol) => protocol == UploadProtocol.Sftp
        ? ("sftp", "sFTP", ssh.Value.Port, "SSH-2.0-", ssh.Value.ListenAddress)
        : ("ftp", "FTP", ftp.Value.Port, "220", ftp.Value.ListenAddress);
}
