using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Enrollment;
using Receiver.Storage;

namespace Receiver.Enrollment;

/// <summary>The enrollment workflow on this receiver's accounts, host key, session journal and listeners: the same for --enroll and the web page.</summary>
internal sealed class HostEnrollment(
    AccountStore accounts,
    DataPaths paths,
    HostKeyStore hostKeys,
    IOptions<SftpOptions> sftp,
    IOptions<FtpOptions> ftp,
    TimeProvider time)
{
    public EnrollmentWorkflow Workflow(IInstarCamera camera, TextWriter output) => new(
        camera,
        new HostReceiverAccounts(accounts, paths, time),
        new HostReceiverIdentity(hostKeys),
        new JournalSessionOutcomes(paths),
        new ListenerProbe(sftp, ftp),
        time,
        output);
}
