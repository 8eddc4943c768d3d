using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Storage;
using static Receiver.Cli.CliOption;

namespace Receiver.Cli;

/// <summary>The one-shot verbs, each declared once: its argument, options, help lines, whether it needs the host, what runs it.</summary>
internal static class Verbs
{
    public static readonly IReadOnlyList<CliVerb> All =
    [
        new("--add-camera", "NAME", "add a camera account; prints a generated password once", true,
        [
            Flag("--password-stdin", "read the password from standard input instead"),
            With("--authorized-key", "FILE", "allow this OpenSSH public key (repeatable)"),
            With("--protocols", "sftp,ftps,ftp", "protocols the camera may use (default: all)"),
            With("--allow", "delete,download,overwrite", "extra permissions (default: list, mkdir, upload, rename)"),
            Flag("--require-tls", "FTP only after AUTH TLS (FTPS)"),
            With("--quota-mb", "N", "storage quota in MiB (0 = none; default Storage:CameraQuotaMegabytes)"),
        ], (l, s, c) => Task.FromResult(Cameras(s, c).Add(l))),

        new("--set-camera", "NAME", "change an account", true,
        [
            Flag("--reset-password", "new password, generated and printed once"),
            Flag("--password-stdin", "new password, read from standard input"),
            With("--authorized-key", "FILE", "add a public key (repeatable)"),
            Flag("--remove-keys", "remove all public keys first"),
            With("--protocols", "LIST", "protocols the camera may use: sftp, ftps, ftp"),
            With("--allow", "LIST", "add permissions: list, mkdir, upload, rename, delete, download, overwrite"),
            With("--deny", "LIST", "take permissions away"),
            new("--require-tls", "true|false", "FTP only after AUTH TLS (FTPS)", ValueOptional: true),
            Flag("--enable", "logins allowed again"),
            Flag("--disable", "logins refused; the account and its uploads stay"),
            With("--allow-ssh-rsa-sha1", "true|false", "accept SHA-1 RSA signatures from this camera only (old libssh2)"),
            With("--quota-mb", "N|default", "storage quota in MiB (0 = none)"),
            With("--quiet-after-hours", "N", "no upload for N hours is a problem (event 'quiet'); 0 = never"),
            With("--scheduled-snapshots", "GLOB", "file names of scheduled snapshots (e.g. 'T_*.jpg'): not motion"),
        ], (l, s, c) => Task.FromResult(Cameras(s, c).Set(l))),

        new("--remove-camera", "NAME", "remove an account (its uploads stay on disk)", true, [],
            (l, s, c) => Task.FromResult(Cameras(s, c).Remove(l))),

        new("--list-cameras", null, "accounts with protocols, keys, use, quota, quiet-after setting and last upload", true, [],
            (l, s, c) => Task.FromResult(Cameras(s, c).List())),

        new("--show-hostkey", null, "the ed25519 host key: base64 blob, OpenSSH line, SHA256 fingerprint", true, [],
            (l, s, c) => Task.FromResult(new HostKeyCommand(s.GetRequiredService<HostKeyStore>(), c.Out).Run())),

        new("--enroll", "CAMERA", "configure an INSTAR camera at CAMERA (host, host:port or http://admin:pass@192.168.2.168) to upload here", true,
        [
            With("--camera-user", "USER", "camera admin login, if not in the URL"),
            Flag("--camera-password-stdin", "read the camera admin password from standard input"),
            With("--name", "NAME", "account name (default: from the camera's address)"),
            With("--protocol", "sftp|ftps|ftp", "default sftp (host keys pinned both ways)"),
            With("--receiver-address", "IP", "the address the camera reaches this receiver at (Docker/NAT)"),
            With("--receiver-port", "N", "the port the camera reaches this receiver at (Docker/NAT)"),
            With("--enable", "rec,snap,timersnap", "switch the camera's uploads on"),
            With("--snapcount", "N", "snapshots per alarm, 1 to 10"),
            Flag("--dry-run", "print the planned changes only"),
            Flag("--keep-on-failure", "keep the account enabled after a failed enrollment"),
            Flag("--insecure-https", "accept the camera's self-signed https certificate"),
            With("--allow-ssh-rsa-sha1", "true|false", "allow SHA-1 RSA logins for this camera if its key needs it (default true)"),
            Flag("--verify-certificate", "FTPS: the camera verifies the receiver's certificate (ft_insecure=0); only with a CA-signed one (Ftps:CertificatePath)"),
        ], (l, s, c) => ActivatorUtilities.CreateInstance<EnrollCommand>(s, c).RunAsync(l)),

        new("--set-admin-password", null, "the web page's admin password (generated and printed once)", true,
        [
            Flag("--password-stdin", "read it from standard input instead"),
        ], (l, s, c) => Task.FromResult(ActivatorUtilities.CreateInstance<Web.Auth.SetAdminPasswordCommand>(s, c).Run(l))),

        // Docker runs --health every 30 s: it needs only the ports, and building the host (logging, keys, accounts)
        // was most of its CPU time.
        new("--health", null, "exit 0 when the running service's listeners answer with their greetings and the web server, when on, answers on its HTTP port (without one: asks /healthz over HTTPS)", false, [],
            (l, s, c) => HealthCommand.FromConfiguration(s.GetRequiredService<IConfiguration>(), c.Out).RunAsync()),

        new("--help", null, "this text", false, [], (l, s, c) =>
        {
            c.Out.WriteLine(HelpText.Usage);
            return Task.FromResult(0);
        }),
    ];

    /// <summary>The verb <paramref name="name"/> names ("-h" and "help" are --help).</summary>
    public static CliVerb Find(string name) =>
        All.FirstOrDefault(v => v.Name == (name is "-h" or "help" ? "--help" : name)) ?? throw new UsageException($"Unknown command '{name}'.");

    private static CameraCommands Cameras(IServiceProvider services, CliConsole console) => new(
        services.GetRequiredService<AccountStore>(),
        services.GetRequiredService<DataPaths>(),
        services.GetRequiredService<TimeProvider>(),
        console.In,
        console.Out,
        services.GetRequiredService<QuotaLedger>(),
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Receiver.Events.EventsOptions>>().Value.QuietAfterHours);
}
