using Microsoft.Extensions.Options;

namespace Receiver.Web.Hosting;

/// <summary>Section "Web" parsed once: the options and the /metrics allow-list.</summary>
public sealed class WebSettings
{
    public WebSettings(IOptions<WebOptions> options)
    {
        Options = options.Value;
        AddressAllowList.TryParse(Options.MetricsAllowFrom, out var list, out _);
        MetricsAllowFrom = list;
    }

    public WebOptions Options { get; }

    internal AddressAllowList MetricsAllowFrom { get; }
}
