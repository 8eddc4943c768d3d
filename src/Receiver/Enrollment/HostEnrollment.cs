using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Enrollment;
using Receiver.Storage;

namespace Receiver.Enrollment;

/// <summary>The enrollment on this receiver's accounts, host key, session journal and listeners: the same for --enroll and the web page.</summary>
internal sealed class HostEnrollment(
    AccountStore accounts,
    DataPaths paths,
    HostKeyStore hostKeys,
    IOptions<SftpOptions> sftp,
    IOptions<FtpOptions> ftp,
    TimeProvider time)
{
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
        new ListenerProbe(sftp, ftp),
        time,
        output);
}
