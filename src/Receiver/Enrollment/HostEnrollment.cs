using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Workflow;
using Receiver.Storage;

namespace Receiver.Enrollment;

/// <summary>The enrollment on this receiver's accounts, host key, session journal and listeners: the same for --enroll and the web page.</summary>
public sealed class HostEnrollment(
    AccountStore accounts,
    DataPaths paths,
    HostKeyStore hostKeys,
    IOptions<SshOptions> ssh,
    IOptions<FtpOptions> ftp,
    IOptions<EnrollmentOptions> enrollment,
    TimeProvider time)
{
    /// <summary>
    /// The address the camera uploads to: <paramref name="given"/> (command line, form), else Enrollment:ReceiverAddress,
    /// else the address of this machine that reaches the camera.
    /// </summary>
    public async Task<string> ReceiverAddressAsync(string? given, string cameraHost, CancellationToken cancellationToken) =>
        given is { Length: > 0 } ? given
        : enrollment.Value.ReceiverAddress is { Length: > 0 } configured ? configured
        : await ReceiverAddressFinder.FindAsync(cameraHost, cancellationToken);

    /// <summary>The port the camera uploads to: Enrollment:SftpPort/FtpPort (Docker/NAT), else the receiver's own.</summary>
    public int ReceiverPort(UploadProtocol protocol) => protocol == UploadProtocol.Sftp
        ? (enrollment.Value.SftpPort is > 0 and var sftpPort ? sftpPort : ssh.Value.Port)
        : (enrollment.Value.FtpPort is > 0 and var ftpPort ? ftpPort : ftp.Value.Port);

    /// <summary>
    /// Enrolls the camera at <paramref name="connection"/>; once enrolled, the quiet-camera alarm follows its snapshot
    /// schedule (null hours when the schedule is off). Steps and the quiet line go to <paramref name="output"/>.
    /// </summary>
    public async Task<EnrollmentResult> RunAsync(CameraConnectionOptions connection, EnrollmentRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        using var camera = new InstarCameraClient(connection);
        var result = await Workflow(camera, output).RunAsync(request, cancellationToken);
        if (result.Outcome == EnrollmentOutcome.Enrolled && await QuietFromSchedule.ApplyAsync(camera, accounts, request.CameraName, cancellationToken) is { } quiet)
        {
            output.WriteLine($"  Quiet-camera alarm: after {quiet} h without an upload (a few snapshot-schedule intervals; change with --set-camera --quiet-after-hours)");
        }

        return result;
    }

    public EnrollmentWorkflow Workflow(IInstarCamera camera, TextWriter output) => new(
        camera,
        new HostReceiverAccounts(accounts, paths, time),
        new HostReceiverIdentity(hostKeys),
        new JournalSessionOutcomes(paths),
        new ListenerProbe(ssh, ftp),
        time,
        output);
}
