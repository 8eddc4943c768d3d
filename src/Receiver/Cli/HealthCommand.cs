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
        if (web is { Port: not 0 })
        {
            // The web server probes the listeners itself (GET /healthz); one request answers for all of them.
            return await WebHealthCheck.RunAsync(web, output);
        }

        var healthy = true;
        foreach (var protocol in probe.Enabled())
        {
            var answer = await probe.ProbeAsync(protocol, CancellationToken.None);
            healthy &= answer.Ok;
            output.WriteLine($"{answer.Name} port {answer.Port}: {(answer.Ok ? "ok" : "not answering" + (answer.Text.Length > 0 ? $" (got '{answer.Text}')" : ""))}");
        }

        return healthy ? 0 : 1;
    }
}
