using System.Globalization;
using Receiver.Accounts;
using Receiver.Enrollment;
using Receiver.Options;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Workflow;

namespace Receiver.Cli;

/// <summary>
/// receiver --enroll CAMERA: configures an INSTAR camera to upload here, pins keys both ways and proves the link
/// (see Receiver.Provisioning.Workflow.EnrollmentWorkflow). The "Enrollment" section (<see cref="EnrollmentOptions"/>)
/// gives the address and ports cameras must use behind Docker/NAT.
/// </summary>
internal sealed class EnrollCommand(HostEnrollment enroller, CliConsole console)
{
    public async Task<int> RunAsync(CommandLine line)
    {
        var address = ParseAddress(line.Argument!);
        var (user, password) = Credentials(line, address);
        var protocol = ParseProtocol(line.Get("--protocol"));
        var name = line.Get("--name") ?? NameFrom(address);
        if (!CameraName.IsValid(name))
        {
            throw new UsageException($"--name '{name}' is not valid: {CameraName.Rule}.");
        }

        var request = new EnrollmentRequest
        {
            CameraName = name,
            Protocol = protocol,
            ReceiverAddress = await ReceiverAddressAsync(enroller, line, address),
            ReceiverPort = ParsePort(line.Get("--receiver-port")) ?? enroller.ReceiverPort(protocol),
            EnableUploads = ParseUploads(line.Get("--enable")),
            SnapshotCount = ParseSnapshotCount(line.Get("--snapcount")),
            DryRun = line.Has("--dry-run"),
            KeepOnFailure = line.Has("--keep-on-failure"),
            AllowSshRsaSha1 = line.Get("--allow-ssh-rsa-sha1") is not { } sha1 || ParseBool("--allow-ssh-rsa-sha1", sha1),
            VerifyFtpsCertificate = line.Has("--verify-certificate"),
        };

        var connection = new CameraConnectionOptions
        {
            Address = address,
            User = user,
            Password = password,
            AllowInvalidCertificate = line.Has("--insecure-https"),
        };
        var result = await enroller.RunAsync(connection, request, console.Out, CancellationToken.None);

        console.Out.WriteLine();
        (result.ExitCode == 0 ? console.Out : console.Error).WriteLine(result.Message);
        return result.ExitCode;
    }

    private static CameraAddress ParseAddress(string text)
    {
        try
        {
            return CameraAddress.Parse(text);
        }
        catch (CameraValueException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private (string User, string Password) Credentials(CommandLine line, CameraAddress address)
    {
        var user = line.Get("--camera-user") ?? address.User ?? "admin";
        string? password = address.Password;
        if (line.Has("--camera-password-stdin"))
        {
            password = console.In.ReadLine()?.TrimEnd('\r');
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException("The camera's admin password is needed: put it in the URL (http://admin:PASSWORD@camera) or pipe it to --camera-password-stdin.");
        }

        return (user, password);
    }

    private static async Task<string> ReceiverAddressAsync(HostEnrollment enroller, CommandLine line, CameraAddress camera)
    {
        try
        {
            return await enroller.ReceiverAddressAsync(line.Get("--receiver-address"), camera.Host, CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new UsageException($"Cannot tell which address of this machine the camera reaches ({ex.Message}); give it with --receiver-address.");
        }
    }

    /// <summary>"cam-" and the camera's host, in the account-name alphabet.</summary>
    internal static string NameFrom(CameraAddress address)
    {
        var chars = ("cam-" + address.Host.Trim('[', ']')).ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        var name = new string(chars).Trim('-');
        return name.Length > 32 ? name[..32].TrimEnd('-') : name;
    }

    private static UploadProtocol ParseProtocol(string? text) => (text ?? "sftp").ToLowerInvariant() switch
    {
        "sftp" => UploadProtocol.Sftp,
        "ftps" => UploadProtocol.Ftps,
        "ftp" => UploadProtocol.Ftp,
        _ => throw new UsageException($"--protocol '{text}': use sftp, ftps or ftp."),
    };

    private static int? ParsePort(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new UsageException($"'{text}' is not a port (1-65535).");
    }

    private static IReadOnlyList<FtpUploadType> ParseUploads(string? list)
    {
        try
        {
            return [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(FtpUploadTypes.Parse).Distinct()];
        }
        catch (CameraValueException ex)
        {
            throw new UsageException($"--enable: {ex.Message}");
        }
    }

    private static int? ParseSnapshotCount(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 10
            ? count
            : throw new UsageException($"--snapcount '{text}': use 1 to 10.");
    }

    private static bool ParseBool(string option, string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new UsageException($"{option} takes true or false."),
    };
}
