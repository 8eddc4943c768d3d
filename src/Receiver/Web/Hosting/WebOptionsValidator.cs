using System.Net;
using Microsoft.Extensions.Options;

namespace Receiver.Web.Hosting;

/// <summary>Checks section "Web" at start; each failure names its key.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions o)
    {
        var errors = new List<string>();
        if (o.Port is < 0 or > 65535)
        {
            errors.Add($"Web:Port must be 0 (off) or 1-65535 (was {o.Port}).");
        }

        if (o.HttpPort is < 0 or > 65535)
        {
            errors.Add($"Web:HttpPort must be 0 (off) or 1-65535 (was {o.HttpPort}).");
        }

        if (o.Port != 0 && o.Port == o.HttpPort)
        {
            errors.Add($"Web:HttpPort must differ from Web:Port (both {o.Port}).");
        }

        if (!Receiver.Options.ListenAddress.TryParse(o.ListenAddress, out _))
        {
            errors.Add($"Web:ListenAddress must be '*' or an IP address (was '{o.ListenAddress}').");
        }

        if (!AddressAllowList.TryParse(o.MetricsAllowFrom, out _, out var bad))
        {
            errors.Add($"Web:MetricsAllowFrom: '{bad}' is not an address or network (CIDR).");
        }

        if (o.SessionIdleHours is < 1 or > 24 * 90)
        {
            errors.Add($"Web:SessionIdleHours must be between 1 and 2160 (was {o.SessionIdleHours}).");
        }

        if (o.Port != 0 && o.CertificatePath.Length > 0 && !File.Exists(o.CertificatePath))
        {
            errors.Add($"Web:CertificatePath: no such file '{o.CertificatePath}'.");
        }

        if (o.Port != 0 && o.KeyPath.Length > 0 && !File.Exists(o.KeyPath))
        {
            errors.Add($"Web:KeyPath: no such file '{o.KeyPath}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
