using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Camera;

/// <summary>
/// Typed param.cgi operations of an INSTAR 2K+/WQHD camera's FTP feature (reference: instar-2k-ftp-cgi.txt).
/// Every setter names each value it sends; callers read back to confirm.
/// </summary>
public sealed partial class InstarCameraClient : IInstarCamera, IDisposable
{
    private readonly CameraCgiClient _cgi;
    private readonly CameraConnectionOptions _options;

    public InstarCameraClient(CameraConnectionOptions options, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _options = options;
        _cgi = new CameraCgiClient(options, logger);
    }

    public CameraAddress Address => _options.Address;

    public CameraAuthStyle? AuthStyle => _cgi.AuthStyle;

    public CameraCgiClient Cgi => _cgi;

    public async Task<CameraUploadTarget> GetFtpSettingsAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getftpattr", cancellationToken).ConfigureAwait(false);
        return new CameraUploadTarget(
            Server: r.Get("ft_server") ?? string.Empty,
            Port: r.RequireInt("ft_port"),
            Username: r.Get("ft_username") ?? string.Empty,
            Mode: CameraValueRules.ParseEnum<FtpTransferMode>(r, "ft_mode"),
            DirectoryName: r.Get("ft_dirname") ?? string.Empty,
            AutoCreateDirectory: r.Contains("ft_autocreatedir") ? CameraValueRules.ParseFlag(r, "ft_autocreatedir") : null,
            DirectoryMode: CameraValueRules.ParseEnum<FtpDirectoryMode>(r, "ft_dirmode"),
            Encryption: CameraValueRules.ParseEnum<FtpEncryption>(r, "ft_ssl"),
            Insecure: CameraValueRules.ParseFlag(r, "ft_insecure"));
    }

    /// <summary>setftpattr with every value named; <paramref name="password"/> null leaves the camera's password as it is.</summary>
    public async Task SetFtpSettingsAsync(CameraUploadTarget settings, string? password, CancellationToken cancellationToken = default)
    {
        var p = new List<KeyValuePair<string, string>>
        {
            new("ft_server", CameraValueRules.Host("ft_server", settings.Server)),
            new("ft_port", CameraValueRules.Port("ft_port", settings.Port)),
            new("ft_username", CameraValueRules.Text("ft_username", settings.Username, 63)),
        };
        if (password is not null)
        {
            p.Add(new("ft_password", CameraValueRules.Text("ft_password", password, 63)));
        }

        p.Add(new("ft_mode", ((int)Defined(settings.Mode, "ft_mode")).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        p.Add(new("ft_dirname", CameraValueRules.Text("ft_dirname", settings.DirectoryName, 127, allowEmpty: true)));
        if (settings.AutoCreateDirectory is { } autoCreate)
        {
            p.Add(new("ft_autocreatedir", CameraValueRules.Flag(autoCreate)));
        }

        p.Add(new("ft_dirmode", ((int)Defined(settings.DirectoryMode, "ft_dirmode")).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        p.Add(new("ft_ssl", ((int)Defined(settings.Encryption, "ft_ssl")).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        p.Add(new("ft_insecure", CameraValueRules.Flag(settings.Insecure)));
        await _cgi.SendAsync("setftpattr", p, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets only ft_insecure (the pinning switch).</summary>
    public Task SetFtpInsecureAsync(bool insecure, CancellationToken cancellationToken = default) =>
        _cgi.SendAsync("setftpattr", [new("ft_insecure", CameraValueRules.Flag(insecure))], null, cancellationToken);

    /// <summary>testftp: the camera uploads Test-Snapshot.jpeg with its current settings and reports the result.</summary>
    public async Task<FtpTestResult> TestFtpAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("testftp", [], _options.TestTimeout, cancellationToken).ConfigureAwait(false);
        return new FtpTestResult(r.RequireInt("result"), NullIfEmpty(r.Get("hostkey")));
    }

    /// <summary>testftp&amp;sethost=: stores the server host key (base64 blob, as testftp reported it) the camera pins.</summary>
    public async Task SetHostKeyAsync(string hostKeyBase64, CancellationToken cancellationToken = default)
    {
        ValidateBase64("sethost", hostKeyBase64);
        await _cgi.SendAsync("testftp", [new("sethost", hostKeyBase64)], _options.TestTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>getpubkey: the camera's own SSH public key, an authorized_keys line ("ssh-rsa AAAA…").</summary>
    public async Task<string> GetPublicKeyAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getpubkey", cancellationToken).ConfigureAwait(false);
        var key = r.Require("publickey").Trim();
        var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].StartsWith("ssh-", StringComparison.Ordinal) && !parts[0].StartsWith("ecdsa-", StringComparison.Ordinal))
        {
            throw new CameraProtocolException($"The camera's public key is not an OpenSSH key line: \"{key}\".", r.Body);
        }

        ValidateBase64("publickey", parts[1]);
        return key;
    }

    private static T Defined<T>(T value, string name)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new CameraValueException(name, $"{value} is not a documented value.");

    private static void ValidateBase64(string name, string value)
    {
        Span<byte> buffer = new byte[value.Length];
        if (string.IsNullOrWhiteSpace(value) || !Convert.TryFromBase64String(value, buffer, out var written) || written < 16)
        {
            throw new CameraValueException(name, "is not a base64 SSH key blob.");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public void Dispose() => _cgi.Dispose();
}
