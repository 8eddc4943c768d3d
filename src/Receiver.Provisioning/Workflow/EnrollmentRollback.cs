using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Workflow;

/// <summary>What an enrollment changed so far, and how to put it back.</summary>
internal sealed class EnrollmentRollback
{
    public CameraUploadTarget? PreviousFtp { get; set; }

    public bool CameraFtpChanged { get; set; }

    public bool PasswordChanged { get; set; }

    public bool HostKeyPinned { get; set; }

    public Dictionary<FtpUploadType, FtpActionSettings> PreviousActions { get; } = [];

    public int? PreviousSnapshotCount { get; set; }

    public bool SnapshotCountChanged { get; set; }

    public HashSet<FtpUploadType> ChangedActions { get; } = [];

    public string? Account { get; set; }

    /// <summary>The account existed before this enrollment (a re-enrollment).</summary>
    public bool AccountExisted { get; set; }

    public bool AnyChange => CameraFtpChanged || Account is not null || ChangedActions.Count > 0 || SnapshotCountChanged;

    /// <summary>Restores the camera and disables the account; returns false when something could not be put back.</summary>
    public async Task<bool> RestoreAsync(IInstarCamera camera, IReceiverAccounts accounts, bool keepAccount, EnrollmentReport report, CancellationToken cancellationToken)
    {
        var complete = true;
        foreach (var type in ChangedActions)
        {
            complete &= await TryAsync(report, $"upload action '{type.WireName()}'", () => camera.SetFtpActionAsync(type, Restorable(PreviousActions[type]), cancellationToken)).ConfigureAwait(false);
        }

        if (SnapshotCountChanged && PreviousSnapshotCount is { } count)
        {
            complete &= await TryAsync(report, "snapshot count", () => camera.SetSnapshotCountAsync(count, cancellationToken)).ConfigureAwait(false);
        }

        if (CameraFtpChanged && PreviousFtp is not null)
        {
            complete &= await TryAsync(report, "FTP settings", async () =>
            {
                await camera.SetFtpSettingsAsync(PreviousFtp, password: null, cancellationToken).ConfigureAwait(false);
                var now = await camera.GetFtpSettingsAsync(cancellationToken).ConfigureAwait(false);
                var differences = PreviousFtp.Differences(now);
                if (differences.Count > 0)
                {
                    throw new CameraException("read back differs: " + string.Join("; ", differences));
                }

                report.Ok($"camera FTP settings restored and read back: {EnrollmentPlan.Describe(now)}");
            }).ConfigureAwait(false);
            if (PasswordChanged)
            {
                report.Detail("note: the camera's earlier FTP password cannot be read back (the camera never returns it), so it was not restored; re-enter it in the camera if the earlier server needs it.");
            }

            if (HostKeyPinned)
            {
                report.Detail("note: a host key pinned before enrollment cannot be read back; the camera now holds this receiver's key (used only when ft_insecure=0).");
            }
        }

        if (Account is not null)
        {
            if (keepAccount)
            {
                report.Detail($"account '{Account}' left enabled (--keep-on-failure).");
            }
            else
            {
                complete &= await TryAsync(report, $"account '{Account}'", async () =>
                {
                    await accounts.DisableAsync(Account, cancellationToken).ConfigureAwait(false);
                    report.Ok($"account '{Account}' disabled (--keep-on-failure keeps it enabled for debugging).");
                    if (AccountExisted && PasswordChanged)
                    {
                        report.Detail($"note: '{Account}' was enrolled before; its password was rotated and the camera holds the new one, so its uploads stop until an enrollment succeeds (or: receiver --set-camera {Account} --enable).");
                    }
                }).ConfigureAwait(false);
            }
        }

        return complete;
    }

    // A camera reports interval 0 for an action never configured; setftpaction accepts 1-3600 only.
    private static FtpActionSettings Restorable(FtpActionSettings previous) =>
        previous with { IntervalSeconds = Math.Clamp(previous.IntervalSeconds, 1, 3600) };

    private static async Task<bool> TryAsync(EnrollmentReport report, string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is CameraException or CameraValueException or IOException or InvalidOperationException)
        {
            report.Problem($"could not restore the {what}: {ex.Message}");
            return false;
        }
    }
}
