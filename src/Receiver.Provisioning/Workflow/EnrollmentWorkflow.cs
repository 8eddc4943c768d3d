using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Workflow;

/// <summary>
/// Enrolls one camera (DESIGN.md "Enrollment"): read the camera's settings, create or rotate the account, write the
/// upload settings and read them back, authorize the camera's key, test, pin the receiver's host key, test pinned,
/// switch uploads on. Any failure after the first change puts the camera's earlier settings back.
/// </summary>
public sealed class EnrollmentWorkflow(
    IInstarCamera camera,
    IReceiverAccounts accounts,
    IReceiverIdentity identity,
    ISessionOutcomes journal,
    IReceiverService service,
    TimeProvider time,
    TextWriter output)
{
    private readonly EnrollmentReport _report = new(output);

    public async Task<EnrollmentResult> RunAsync(EnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        var rollback = new EnrollmentRollback();
        var protocol = EnrollmentPlan.Name(request.Protocol);
        _report.Title($"Enrolling camera {camera.Address} as '{request.CameraName}' over {protocol}, receiver at {request.ReceiverAddress}:{request.ReceiverPort}{(request.DryRun ? " (dry run: nothing is changed)" : string.Empty)}");
        try
        {
            await CheckServiceAsync(request, cancellationToken).ConfigureAwait(false);
            var previous = await ReadCameraAsync(request, rollback, cancellationToken).ConfigureAwait(false);
            var target = EnrollmentPlan.Target(request, previous);
            ShowPlan(request, previous, target);
            if (request.DryRun)
            {
                return new EnrollmentResult(EnrollmentOutcome.DryRun, "Dry run: no change was made.");
            }

            var tester = new EnrollmentTester(camera, accounts, identity, journal, time, _report, request);
            var account = await CreateAccountAsync(request, rollback, cancellationToken).ConfigureAwait(false);
            await WriteSettingsAsync(target, account.Password, rollback, cancellationToken).ConfigureAwait(false);
            string? cameraKey = null;
            if (request.Protocol == UploadProtocol.Sftp)
            {
                cameraKey = await AuthorizeCameraKeyAsync(request, cancellationToken).ConfigureAwait(false);
            }

            _report.Step("Test upload, first contact (testftp with ft_insecure=1)");
            var login = await tester.TestAsync(pinned: false, cancellationToken).ConfigureAwait(false);
            var verified = false;
            if (request.Protocol == UploadProtocol.Sftp || (request.Protocol == UploadProtocol.Ftps && request.VerifyFtpsCertificate))
            {
                await PinAsync(request, target, rollback, cancellationToken).ConfigureAwait(false);
                _report.Step("Test upload, verified (testftp with ft_insecure=0)");
                login = await tester.TestAsync(pinned: true, cancellationToken).ConfigureAwait(false);
                verified = true;
            }

            await EnableUploadsAsync(request, rollback, cancellationToken).ConfigureAwait(false);
            Summarize(request, cameraKey, login, verified);
            return new EnrollmentResult(EnrollmentOutcome.Enrolled, $"Camera enrolled: uploads go to '{request.CameraName}'.");
        }
        catch (Exception ex) when (ex is EnrollmentFailedException or CameraException or CameraValueException)
        {
            _report.Problem(ex.Message);
            if (!rollback.AnyChange)
            {
                return new EnrollmentResult(EnrollmentOutcome.FailedUnchanged, ex.Message + " Nothing was changed.");
            }

            _report.Step("Putting the camera's earlier settings back");
            var complete = await rollback.RestoreAsync(camera, accounts, request.KeepOnFailure, _report, CancellationToken.None).ConfigureAwait(false);
            return complete
                ? new EnrollmentResult(EnrollmentOutcome.FailedRolledBack, ex.Message + " The camera's earlier settings were restored.")
                : new EnrollmentResult(EnrollmentOutcome.RollbackIncomplete, ex.Message + " Some earlier settings could not be restored (see above).");
        }
    }

    private async Task CheckServiceAsync(EnrollmentRequest request, CancellationToken cancellationToken)
    {
        _report.Step("Checking the receiver service");
        var status = await service.CheckAsync(request.Protocol, cancellationToken).ConfigureAwait(false);
        if (status.Running)
        {
            _report.Ok(status.Detail);
        }
        else if (request.DryRun)
        {
            _report.Detail($"warning: {status.Detail}");
        }
        else
        {
            throw new EnrollmentFailedException($"The receiver service is not running: {status.Detail}");
        }
    }

    private async Task<CameraUploadTarget> ReadCameraAsync(EnrollmentRequest request, EnrollmentRollback rollback, CancellationToken cancellationToken)
    {
        _report.Step("Reading the camera's current FTP settings (getftpattr)");
        var previous = await camera.GetFtpSettingsAsync(cancellationToken).ConfigureAwait(false);
        rollback.PreviousFtp = previous;
        _report.Ok(EnrollmentPlan.Describe(previous));
        foreach (var type in request.EnableUploads)
        {
            rollback.PreviousActions[type] = await camera.GetFtpActionAsync(type, cancellationToken).ConfigureAwait(false);
        }

        if (request.SnapshotCount is not null)
        {
            rollback.PreviousSnapshotCount = await camera.GetSnapshotCountAsync(cancellationToken).ConfigureAwait(false);
        }

        return previous;
    }

    private void ShowPlan(EnrollmentRequest request, CameraUploadTarget previous, CameraUploadTarget target)
    {
        _report.Step("Planned changes");
        _report.Detail($"receiver account '{request.CameraName}': create, or rotate its password (its folder is kept)");
        foreach (var line in EnrollmentPlan.DescribeChanges(previous, target))
        {
            _report.Detail("camera " + line);
        }

        if (request.Protocol == UploadProtocol.Sftp)
        {
            _report.Detail("camera key (getpubkey) -> authorized for the account; receiver host key -> pinned on the camera (sethost), then ft_insecure=0");
        }

        foreach (var type in request.EnableUploads)
        {
            _report.Detail($"camera upload action '{type.WireName()}': enable");
        }

        if (request.SnapshotCount is { } count)
        {
            _report.Detail($"camera snapcount: {count}");
        }
    }

    private async Task<EnrollmentAccount> CreateAccountAsync(EnrollmentRequest request, EnrollmentRollback rollback, CancellationToken cancellationToken)
    {
        _report.Step($"Receiver account '{request.CameraName}'");
        rollback.Account = request.CameraName;
        var account = await accounts.CreateOrRotateAsync(request.CameraName, request.Protocol, cancellationToken).ConfigureAwait(false);
        rollback.AccountExisted = account.Existed;
        _report.Ok(account.Existed
            ? "existing account: password rotated, folder and uploads kept"
            : "created, with a random password of letters and digits");
        return account;
    }

    private async Task WriteSettingsAsync(CameraUploadTarget target, string password, EnrollmentRollback rollback, CancellationToken cancellationToken)
    {
        _report.Step("Writing the camera's upload settings (setftpattr) and reading them back");
        rollback.CameraFtpChanged = true;
        rollback.PasswordChanged = true;
        await camera.SetFtpSettingsAsync(target, password, cancellationToken).ConfigureAwait(false);
        await ConfirmAsync(target, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConfirmAsync(CameraUploadTarget target, CancellationToken cancellationToken)
    {
        var readBack = await camera.GetFtpSettingsAsync(cancellationToken).ConfigureAwait(false);
        var differences = target.Differences(readBack);
        if (differences.Count > 0)
        {
            throw new EnrollmentFailedException("The camera did not keep what was set: " + string.Join("; ", differences) + ".");
        }

        _report.Ok("read back: " + EnrollmentPlan.Describe(readBack));
    }

    private async Task<string> AuthorizeCameraKeyAsync(EnrollmentRequest request, CancellationToken cancellationToken)
    {
        _report.Step("Authorizing the camera's own SSH key (getpubkey)");
        var key = await camera.GetPublicKeyAsync(cancellationToken).ConfigureAwait(false);
        await accounts.AddAuthorizedKeyAsync(request.CameraName, key, cancellationToken).ConfigureAwait(false);
        var fingerprint = SshKeyFingerprint.OfLine(key);
        _report.Ok($"{fingerprint} authorized for '{request.CameraName}'");
        return fingerprint;
    }

    private async Task PinAsync(EnrollmentRequest request, CameraUploadTarget target, EnrollmentRollback rollback, CancellationToken cancellationToken)
    {
        if (request.Protocol == UploadProtocol.Sftp)
        {
            _report.Step($"Pinning the receiver's host key on the camera (sethost {identity.HostKeyFingerprint}) and switching verification on");
            rollback.HostKeyPinned = true;
            await camera.SetHostKeyAsync(identity.HostKeyBase64, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _report.Step("Switching certificate verification on (ft_insecure=0)");
        }

        await camera.SetFtpSettingsAsync(target with { Insecure = false }, password: null, cancellationToken).ConfigureAwait(false);
        await ConfirmAsync(target with { Insecure = false }, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnableUploadsAsync(EnrollmentRequest request, EnrollmentRollback rollback, CancellationToken cancellationToken)
    {
        if (request.EnableUploads.Count == 0 && request.SnapshotCount is null)
        {
            return;
        }

        _report.Step("Switching uploads on (setftpaction, setftpactionattr)");
        foreach (var type in request.EnableUploads)
        {
            var previous = rollback.PreviousActions[type];
            var interval = previous.IntervalSeconds is >= 1 and <= 3600 ? previous.IntervalSeconds : 60;
            rollback.ChangedActions.Add(type);
            await camera.SetFtpActionAsync(type, new FtpActionSettings(true, interval), cancellationToken).ConfigureAwait(false);
            var now = await camera.GetFtpActionAsync(type, cancellationToken).ConfigureAwait(false);
            if (!now.Enabled)
            {
                throw new EnrollmentFailedException($"The camera did not switch the '{type.WireName()}' upload on.");
            }

            _report.Ok($"'{type.WireName()}' uploads on, at most one every {now.IntervalSeconds} s");
        }

        if (request.SnapshotCount is { } count)
        {
            rollback.SnapshotCountChanged = true;
            await camera.SetSnapshotCountAsync(count, cancellationToken).ConfigureAwait(false);
            _report.Ok($"{await camera.GetSnapshotCountAsync(cancellationToken).ConfigureAwait(false)} snapshots per alarm");
        }
    }

    private void Summarize(EnrollmentRequest request, string? cameraKey, string? login, bool verified)
    {
        var pinned = request.Protocol switch
        {
            UploadProtocol.Sftp => $"ssh-ed25519 {identity.HostKeyFingerprint} (pinned on the camera)",
            UploadProtocol.Ftps when verified => "certificate verified by the camera",
            UploadProtocol.Ftps => "none: the camera does not verify the receiver's certificate (self-signed); the link is encrypted, not authenticated",
            _ => "none: plain FTP is neither encrypted nor authenticated",
        };
        var rows = new List<(string, string)>
        {
            ("Camera", camera.Address.ToString()),
            ("Account", $"{request.CameraName} (uploads in its own folder, one sub-folder per day)"),
            ("Protocol", $"{EnrollmentPlan.Name(request.Protocol)} to {request.ReceiverAddress}:{request.ReceiverPort}"),
            ("Host key", pinned),
        };
        if (cameraKey is not null)
        {
            rows.Add(("Camera key", cameraKey));
        }

        rows.Add(("Camera login", login ?? "not recorded"));
        rows.Add(("Test", verified ? "passed with verification on (ft_insecure=0)" : "passed"));
        rows.Add(("Uploads", request.EnableUploads.Count == 0 ? "unchanged (use --enable rec,snap,timersnap)" : string.Join(", ", request.EnableUploads.Select(t => t.WireName())) + " on"));
        _report.Summary(rows);
    }
}
