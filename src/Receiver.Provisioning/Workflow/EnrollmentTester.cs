using Receiver.Provisioning.Camera;

namespace Receiver.Provisioning.Workflow;

/// <summary>
/// Runs the camera's testftp and judges it from both sides: the camera's result and host key, and the receiver's
/// journal (the test upload must have arrived for the account).
/// </summary>
internal sealed class EnrollmentTester(
    IInstarCamera camera,
    IReceiverAccounts accounts,
    IReceiverIdentity identity,
    ISessionOutcomes journal,
    TimeProvider time,
    EnrollmentReport report,
    EnrollmentRequest request)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private bool _sha1Allowed;

    /// <summary>Returns how the camera logged in; throws <see cref="EnrollmentFailedException"/> with the diagnosis.</summary>
    public async Task<string?> TestAsync(bool pinned, CancellationToken cancellationToken)
    {
        var name = request.CameraName;
        var target = $"{request.ReceiverAddress}:{request.ReceiverPort}";
        // Same machine, same clock as the service: records from before this instant (e.g. the service probe) are not this attempt's.
        var since = time.GetUtcNow();
        var result = await camera.TestFtpAsync(cancellationToken).ConfigureAwait(false);
        var records = await WaitForJournalAsync(since, result.Succeeded ? request.ArrivalTimeout : request.FailureGrace, cancellationToken).ConfigureAwait(false);

        if (request.Protocol == UploadProtocol.Sftp && !pinned)
        {
            CheckHostKey(result, target);
        }

        if (request.Protocol == UploadProtocol.Sftp && !_sha1Allowed && EnrollmentDiagnosis.KeyRefusedForSha1(records, name))
        {
            if (request.AllowSshRsaSha1)
            {
                report.Detail($"the camera's key was refused only because it signs with ssh-rsa (SHA-1), as libssh2 before 1.11 does: allowing that for '{name}' only, and testing again");
                await accounts.AllowSshRsaSha1Async(name, cancellationToken).ConfigureAwait(false);
                _sha1Allowed = true;
                return await TestAsync(pinned, cancellationToken).ConfigureAwait(false);
            }

            if (!result.Succeeded)
            {
                throw new EnrollmentFailedException(
                    $"The camera signs with ssh-rsa (SHA-1) only (libssh2 before 1.11), which the receiver refuses by default, and its password login failed too. Run again without --allow-ssh-rsa-sha1 false to accept SHA-1 signatures for '{name}' only.");
            }

            report.Detail($"warning: the camera's key was refused because it signs with ssh-rsa (SHA-1); it logged in with its password instead (--allow-ssh-rsa-sha1 true lets its key work for '{name}' only)");
        }

        var receiverSide = EnrollmentDiagnosis.ReceiverSide(records, name, target, request.Protocol);
        if (!result.Succeeded)
        {
            throw new EnrollmentFailedException(
                $"The camera's test upload failed.{Environment.NewLine}      camera:   {EnrollmentDiagnosis.CameraSide(result, request.Protocol)}{Environment.NewLine}      receiver: {receiverSide}");
        }

        if (!EnrollmentDiagnosis.UploadArrived(records, name))
        {
            throw new EnrollmentFailedException(
                $"The camera reports a successful test upload, but this receiver did not record it for '{name}' within {request.ArrivalTimeout.TotalSeconds:0} s: another server may have taken it.{Environment.NewLine}      receiver: {receiverSide}");
        }

        var login = EnrollmentDiagnosis.LoginMethod(records, name);
        if (request.Protocol == UploadProtocol.Sftp && login is not null && !login.Contains("publickey", StringComparison.OrdinalIgnoreCase)
            && EnrollmentDiagnosis.KeyRefusal(records, name) is { } refusal)
        {
            report.Detail($"warning: the camera logged in with its password, not its key ({refusal})");
        }

        report.Ok($"camera: result 0 (success); receiver: Test-Snapshot.jpeg arrived for '{name}', login {login ?? "(method not recorded)"}");
        return login;
    }

    private void CheckHostKey(FtpTestResult result, string target)
    {
        if (result.HostKey is null)
        {
            if (result.Succeeded)
            {
                throw new EnrollmentFailedException("The camera did not report the host key it saw, so it cannot be pinned (firmware without sFTP host key support?).");
            }

            return;
        }

        if (!string.Equals(result.HostKey, identity.HostKeyBase64, StringComparison.Ordinal))
        {
            throw new EnrollmentFailedException(
                $"Host key mismatch: the SSH server the camera reached at {target} has the key {SshKeyFingerprint.OfBlob(result.HostKey)}, "
                + $"but this receiver's ed25519 key is {identity.HostKeyFingerprint}. Another machine answered (wrong address or port, a port forward to another host, or someone in between); nothing was pinned.");
        }

        report.Detail($"the camera saw this receiver's host key {identity.HostKeyFingerprint}");
    }

    private async Task<IReadOnlyList<SessionOutcome>> WaitForJournalAsync(DateTimeOffset since, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var records = EnrollmentDiagnosis.Relevant(journal.Since(since), request.CameraName);
            var settled = EnrollmentDiagnosis.UploadArrived(records, request.CameraName);
            if (settled || time.GetUtcNow() >= deadline)
            {
                return records;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
