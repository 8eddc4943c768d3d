using Microsoft.Extensions.Configuration;
using Receiver.Enrollment;
using Receiver.Options;
using Receiver.Web.Health;
using Receiver.Web.Hosting;

namespace Receiver.Cli;

/// <summary>--health: asks the running service itself. Each enabled listener must answer with its greeting on loopback.</summary>
internal sealed class HealthCommand(ListenerProbe probe, TextWriter output, WebOptions? web = null)
{
    public static HealthCommand FromConfiguration(IConfiguration configuration, TextWriter output) => new(
        new ListenerProbe(
            Microsoft.Extensions.Options.Options.Create(OptionsBinding.Get(() => configuration.GetSection(SshOptions.Section).Get<SshOptions>())),
            Microsoft.Extensions.Options.Options.Create(OptionsBinding.Get(() => configuration.GetSection(FtpOptions.Section).Get<FtpOptions>()))),
        output,
        OptionsBinding.Get(() => configuration.GetSection(WebOptions.Section).Get<WebOptions>()));

    public async Task<int> RunAsync()
    {
        if (web is { Port: not 0, HttpPort: 0 })
        {
            // Only HTTPS: the web server probes the listeners itself (GET /healthz); one request answers for all.
            return await WebHealthCheck.RunAsync(web, output);
        }

        // The same probe /healthz runs, made here; the web server, when on, must answer on its plain HTTP port.
        var healthy = true;
        foreach (var protocol in probe.Enabled())
        {
            var answer = await probe.ProbeAsync(protocol, CancellationToken.None);
            healthy &= answer.Ok;
            output.WriteLine($"{answer.Name} port {answer.Port}: {(answer.Ok ? "ok" : "not answering" + (answer.Text.Length > 0 ? $" (got '{answer.Text}')" : ""))}");
        }

        if (web is { Port: not 0 })
        {
            healthy &= await WebHealthCheck.RedirectAnswersAsync(web, output);
        }

        return healthy ? 0 : 1;
    }
}
