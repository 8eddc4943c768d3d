namespace Receiver.Cli;

internal static class HelpText
{
    public const string Usage = """
        receiver - receives camera uploads over sFTP, FTPS and FTP

        Usage:
          receiver                                  run the service (configuration: appsettings.json, environment Section__Key)
          receiver --add-camera NAME [options]      add a camera account; prints a generated password once
              --password-stdin                      read the password from standard input instead
              --authorized-key FILE                 allow this OpenSSH public key (repeatable)
              --protocols sftp,ftps,ftp             protocols the camera may use (default: all)
              --allow delete,download,overwrite     extra permissions (default: list, mkdir, upload, rename)
              --require-tls                         FTP only after AUTH TLS (FTPS)
              --quota-mb N                          storage quota in MiB (0 = none; default Storage:CameraQuotaMegabytes)
          receiver --set-camera NAME [options]      change an account
              --reset-password | --password-stdin   new password (generated and printed once, or read from stdin)
              --authorized-key FILE                 add a public key (repeatable)
              --remove-keys                         remove all public keys first
              --protocols LIST  --allow LIST  --deny LIST  --require-tls true|false  --enable | --disable
              --allow-ssh-rsa-sha1 true|false       accept SHA-1 RSA signatures from this camera only (old libssh2)
              --quota-mb N|default                  storage quota in MiB (0 = none)
              --quiet-after-hours N                 no upload for N hours is a problem (event 'quiet'); 0 = never
              --scheduled-snapshots GLOB            file names of scheduled snapshots (e.g. 'T_*.jpg'): not motion
          receiver --remove-camera NAME             remove an account (its uploads stay on disk)
          receiver --list-cameras                   accounts with protocols, keys, use, quota, quiet-after setting and last upload
          receiver --show-hostkey                   the ed25519 host key: base64 blob, OpenSSH line, SHA256 fingerprint
          receiver --enroll CAMERA [options]        configure an INSTAR camera to upload here (see README)
              CAMERA                                host, host:port or URL (http://admin:pass@192.168.2.168)
              --camera-user USER --camera-password-stdin   camera admin login, if not in the URL
              --name NAME                           account name (default: from the camera's address)
              --protocol sftp|ftps|ftp              default sftp (host keys pinned both ways)
              --receiver-address IP --receiver-port N      how the camera reaches this receiver (Docker/NAT)
              --enable rec,snap,timersnap  --snapcount N   switch the camera's uploads on
              --dry-run                             print the planned changes only
              --keep-on-failure                     keep the account enabled after a failed enrollment
              --insecure-https                      accept the camera's self-signed https certificate
              --allow-ssh-rsa-sha1 true|false       allow SHA-1 RSA logins for this camera if its key needs it (default true)
              --verify-certificate                  FTPS: the camera verifies the receiver's certificate (ft_insecure=0);
                                                    only with a CA-signed certificate (Ftps:CertificatePath)
          receiver --set-admin-password [--password-stdin]  the web page's admin password (generated and printed once)
          receiver --health                         exit 0 when the running service's listeners answer
          receiver --help                           this text

        Camera names: lower-case letters, digits, '-' and '_', up to 32 characters.
        """;
}
