namespace Receiver.Provisioning.Workflow;

/// <summary>How an enrollment ended. Exit code 0 only when the final (pinned for sFTP) test upload passed.</summary>
public sealed record EnrollmentResult(EnrollmentOutcome Outcome, string Message)
{
    public int ExitCode => Outcome switch
    {
        EnrollmentOutcome.Enrolled or EnrollmentOutcome.DryRun => 0,
        EnrollmentOutcome.RollbackIncomplete => 3,
        _ => 1,
    };
}

public enum EnrollmentOutcome
{
    Enrolled,
    DryRun,

    /// <summary>Nothing was changed (camera unreachable, bad credentials, service not running).</summary>
    FailedUnchanged,

    /// <summary>Changes were made and put back.</summary>
    FailedRolledBack,

    /// <summary>Changes were made and could not all be put back: the message says what is left.</summary>
    RollbackIncomplete,
}

/// <summary>A step failed; the message is the user-facing explanation (already diagnosed).</summary>
public sealed class EnrollmentFailedException(string message) : Exception(message);
