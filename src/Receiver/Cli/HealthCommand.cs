using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Receiver.Options;
using Receiver.Web.Health;
using Receiver.Web.Hosting;

namespace Receiver.Cli;

/// <summary>--health: asks the running service itself. Each enabled listener must answer with its greeting on loopback.</summary>
internal sealed class HealthCommand(IOptions<SftpOptions> sftp, IOptions<FtpOptions> ftp, TextWriter output, WebOptions? web = null)
{
    public static HealthCommand FromConfiguration(IConfiguration configuration, TextWriter output) => new(
        Microsoft.Extensions.Options.Options.Create(configuration.GetSection(SftpOptions.Section).Get<SftpOptions>() ?? new SftpOptions()),
        Microsoft.Extensions.Options.Options.Create(configuration.GetSection(FtpOptions.Section).Get<FtpOptions>() ?? new FtpOptions()),
        output,
        configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions());

    public async Task<int> RunAsync(CommandLine line)
    {
        line.AllowOnly();
        if (web is { Port: not 0 })
        {
            // The web server probes the listeners itself (GET /healthz); one request answers for all of them.
            return await WebHealthCheck.RunAsync(web, output);
        }

        var checks = new List<(string Name, int Port, string Greeting)>();
        if (sftp.Value.Port != 0)
        {
            checks.Add(("sftp", sftp.Value.Port, "SSH-2.0-"));
        }

        if (ftp.Value.Port != 0)
        {
            checks.Add(("ftp", ftp.Value.Port, "220"));
        }

        var healthy = true;
        foreach (var (name, port, greeting) in checks)
        {
            var answer = await ProbeAsync(port);
            var ok = answer.StartsWith(greeting, StringComparison.Ordinal);
            healthy &= ok;
            output.WriteLine($"{name} port {port}: {(ok ? "ok" : "not answering" + (answer.Length > 0 ? $" (got '{answer}')" : ""))}");
        }

        return healthy ? 0 : 1;
    }

    private static async Task<string> ProbeAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return "";
        }
    }
}
