using System.Net;
using Microsoft.Extensions.Options;
using Receiver.Abstractions.Networking;

namespace Receiver.Options;

/// <summary>Validates every section at start; each failure names the configuration key and the rule it broke.</summary>
public sealed class OptionsValidators :
    IValidateOptions<StorageOptions>,
    IValidateOptions<SshOptions>,
    IValidateOptions<FtpOptions>,
    IValidateOptions<FtpsOptions>,
    IValidateOptions<SecurityOptions>,
    IValidateOptions<EnrollmentOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Root))
        {
            errors.Add("Storage:Root must name a folder.");
        }

        if (!o.Layout.Equals("daily", StringComparison.OrdinalIgnoreCase) && !o.Layout.Equals("camera", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Storage:Layout must be 'daily' or 'camera' (was '{o.Layout}').");
        }

        Range(errors, "Storage:RetentionDays", o.RetentionDays, 0, 36500);
        if (double.IsNaN(o.MinFreeDiskPercent) || o.MinFreeDiskPercent < 0 || o.MinFreeDiskPercent > 90)
        {
            errors.Add($"Storage:MinFreeDiskPercent must be between 0 and 90 (was {o.MinFreeDiskPercent}).");
        }

        Range(errors, "Storage:RetentionSweepMinutes", o.RetentionSweepMinutes, 1, 1440);
        Range(errors, "Storage:MidnightGraceMinutes", o.MidnightGraceMinutes, 0, 720);
        if (o.CameraQuotaMegabytes < 0)
        {
            errors.Add($"Storage:CameraQuotaMegabytes must be 0 (none) or more (was {o.CameraQuotaMegabytes}).");
        }

        if (o.MaxUploadMegabytes < 1)
        {
            errors.Add($"Storage:MaxUploadMegabytes must be at least 1 (was {o.MaxUploadMegabytes}).");
        }
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, SshOptions o)
    {
        var errors = new List<string>();
        Listener(errors, SshOptions.Section, o.Port, o);
        if (!o.Profile.Equals("modern", StringComparison.OrdinalIgnoreCase) && !o.Profile.Equals("legacy", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Ssh:Profile must be 'modern' or 'legacy' (was '{o.Profile}').");
        }

        Range(errors, "Ssh:MaxAuthAttempts", o.MaxAuthAttempts, 1, 100);
        Range(errors, "Ssh:RekeyAfterMegabytes", o.RekeyAfterMegabytes, 1, 65536);
        Range(errors, "Ssh:RekeyIntervalMinutes", o.RekeyIntervalMinutes, 1, 1440);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, FtpOptions o)
    {
        var errors = new List<string>();
        Listener(errors, FtpOptions.Section, o.Port, o);
        Port(errors, "Ftp:ImplicitTlsPort", o.ImplicitTlsPort);
        if (o.Port != 0 && o.Port == o.ImplicitTlsPort)
        {
            errors.Add("Ftp:ImplicitTlsPort must differ from Ftp:Port.");
        }

        if (!string.IsNullOrWhiteSpace(o.PassivePorts) && !PortRange.TryParse(o.PassivePorts, out _))
        {
            errors.Add($"Ftp:PassivePorts must be 'first-last' with 1 <= first <= last <= 65535, or empty (was '{o.PassivePorts}').");
        }

        if (!string.IsNullOrWhiteSpace(o.PassiveAddress) && !IPAddress.TryParse(o.PassiveAddress, out _))
        {
            errors.Add($"Ftp:PassiveAddress must be an IP address (was '{o.PassiveAddress}').");
        }

        Range(errors, "Ftp:DataConnectionTimeoutSeconds", o.DataConnectionTimeoutSeconds, 1, 600);
        Range(errors, "Ftp:MaxCommandLineLength", o.MaxCommandLineLength, 512, 65536);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, FtpsOptions o)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(o.CertificatePath) && !File.Exists(o.CertificatePath))
        {
            errors.Add($"Ftps:CertificatePath must name an existing PEM file (not found: '{o.CertificatePath}').");
        }

        if (!string.IsNullOrWhiteSpace(o.KeyPath) && !File.Exists(o.KeyPath))
        {
            errors.Add($"Ftps:KeyPath must name an existing PEM file (not found: '{o.KeyPath}').");
        }

        if (string.IsNullOrWhiteSpace(o.CertificatePath) && !string.IsNullOrWhiteSpace(o.KeyPath))
        {
            errors.Add("Ftps:KeyPath needs Ftps:CertificatePath.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, SecurityOptions o)
    {
        var errors = new List<string>();
        Range(errors, "Security:MaxFailuresPerAccount", o.MaxFailuresPerAccount, 1, 1000);
        Range(errors, "Security:MaxFailuresPerAddress", o.MaxFailuresPerAddress, 1, 10000);
        Range(errors, "Security:FailureWindowSeconds", o.FailureWindowSeconds, 1, 86400);
        Range(errors, "Security:LockoutSeconds", o.LockoutSeconds, 1, 86400);
        if (!NetBlockSize.TryParse(o.PerSourceNetBlockSize, out _))
        {
            errors.Add($"Security:PerSourceNetBlockSize must be 'ipv4bits:ipv6bits' with 1-32 and 1-128, e.g. '32:128' (was '{o.PerSourceNetBlockSize}').");
        }

        var penalties = o.PerSourcePenalties;
        Range(errors, "Security:PerSourcePenalties:AuthFailureSeconds", penalties.AuthFailureSeconds, 0, 86400);
        Range(errors, "Security:PerSourcePenalties:NoAuthSeconds", penalties.NoAuthSeconds, 0, 86400);
        Range(errors, "Security:PerSourcePenalties:GraceExceededSeconds", penalties.GraceExceededSeconds, 0, 86400);
        Range(errors, "Security:PerSourcePenalties:ThresholdSeconds", penalties.ThresholdSeconds, 1, 86400);
        Range(errors, "Security:PerSourcePenalties:MaxSeconds", penalties.MaxSeconds, penalties.ThresholdSeconds, 86400);
        Range(errors, "Security:AccountSlowdownStepMilliseconds", o.AccountSlowdownStepMilliseconds, 0, 10000);
        Range(errors, "Security:AccountSlowdownMaxMilliseconds", o.AccountSlowdownMaxMilliseconds, 0, 10000);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, EnrollmentOptions o)
    {
        var errors = new List<string>();
        Port(errors, "Enrollment:SftpPort", o.SftpPort);
        Port(errors, "Enrollment:FtpPort", o.FtpPort);
        if (o.ReceiverAddress.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@'))
        {
            errors.Add($"Enrollment:ReceiverAddress must be a host name or IP address (was '{o.ReceiverAddress}').");
        }

        return Result(errors);
    }

    /// <summary>The rules of the keys every listener section has: its Port and those of <see cref="ListenerOptions"/>.</summary>
    private static void Listener(List<string> errors, string section, int port, ListenerOptions o)
    {
        Port(errors, $"{section}:Port", port);
        Address(errors, $"{section}:ListenAddress", o.ListenAddress);
        if (!MaxStartups.TryParse(o.MaxStartups, out _))
        {
            errors.Add($"{section}:MaxStartups must be 'start:rate:full' with 1 <= start <= full and rate 1-100, or one number (was '{o.MaxStartups}').");
        }

        Range(errors, $"{section}:MaxConnectionsPerSource", o.MaxConnectionsPerSource, 1, 10000);
        Range(errors, $"{section}:MaxConnections", o.MaxConnections, 1, 100000);
        Range(errors, $"{section}:LoginGraceTimeSeconds", o.LoginGraceTimeSeconds, 1, 600);
        Range(errors, $"{section}:IdleTimeoutSeconds", o.IdleTimeoutSeconds, 0, 86400);
    }

    private static void Port(List<string> errors, string key, int value) => Range(errors, key, value, 0, 65535);

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }

    private static void Address(List<string> errors, string key, string value)
    {
        if (!ListenAddress.TryParse(value, out _))
        {
            errors.Add($"{key} must be '*' or an IP address (was '{value}').");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
