using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Receiver.Options;
using Receiver.Provisioning.Enrollment;

namespace Receiver.Enrollment;

/// <summary>Is the service up? Its listener for the protocol must answer on loopback with its greeting.</summary>
internal sealed class ListenerProbe(IOptions<SftpOptions> sftp, IOptions<FtpOptions> ftp) : IReceiverService
{
    private const string StartHint = "start it first: 'systemctl start receiver' (or 'docker compose up -d'), then check with 'receiver --health'";

    public async Task<ServiceStatus> CheckAsync(UploadProtocol protocol, CancellationToken cancellationToken)
    {
        var (name, port, greeting, listen) = protocol == UploadProtocol.Sftp
            ? ("sFTP", sftp.Value.Port, "SSH-2.0-", sftp.Value.ListenAddress)
            : ("FTP", ftp.Value.Port, "220", ftp.Value.ListenAddress);
        if (port == 0)
        {
            return new ServiceStatus(false, $"the {name} server is switched off in the configuration (port 0)");
        }

        // A service bound to one address does not answer on loopback: probe that address then.
        var address = IPAddress.TryParse(listen, out var bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any) ? bound : IPAddress.Loopback;
        var answer = await ProbeAsync(address, port, cancellationToken);
        return answer.StartsWith(greeting, StringComparison.Ordinal)
            ? new ServiceStatus(true, $"the service answers on its {name} port {port}")
            : new ServiceStatus(false, $"nothing answers on the {name} port {port}{(answer.Length > 0 ? $" (got '{answer}')" : string.Empty)}; {StartHint}");
    }

    private static async Task<string> ProbeAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(address, port, timeout.Token);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return string.Empty;
        }
    }
}
