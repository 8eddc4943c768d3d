using Receiver.Abstractions;
using Receiver.Provisioning.Camera;

namespace Receiver.Provisioning.Workflow;

/// <summary>
/// Explains a camera test from both sides: the camera's testftp result and what the receiver's session journal
/// recorded during that attempt.
/// </summary>
public static class EnrollmentDiagnosis
{
    /// <summary>The records of one attempt that concern this account (or no account yet: connections before login).</summary>
    public static IReadOnlyList<SessionOutcome> Relevant(IEnumerable<SessionOutcome> records, string account) =>
        [.. records.Where(r => r.User is null || string.Equals(r.User, account, StringComparison.Ordinal))];

    public static bool UploadArrived(IEnumerable<SessionOutcome> records, string account) =>
        records.Any(r => r.Kind == SessionEventKind.UploadCompleted && r.User == account);

    /// <summary>How the camera logged in, from the LoginSucceeded record (e.g. "publickey rsa-sha2-256").</summary>
    public static string? LoginMethod(IEnumerable<SessionOutcome> records, string account) =>
        records.LastOrDefault(r => r.Kind == SessionEventKind.LoginSucceeded && r.User == account)?.Detail;

    /// <summary>True when the camera's key was refused for its ssh-rsa (SHA-1) signature (libssh2 before 1.11 signs RSA that way).</summary>
    public static bool KeyRefusedForSha1(IEnumerable<SessionOutcome> records, string account) =>
        records.Any(r => r.Kind == SessionEventKind.LoginFailed && r.User == account && IsSha1Refusal(r.Detail));

    /// <summary>Why the camera's key was refused, when a key was refused; null otherwise.</summary>
    public static string? KeyRefusal(IEnumerable<SessionOutcome> records, string account) =>
        records.LastOrDefault(r => r.Kind == SessionEventKind.LoginFailed && r.User == account && r.Detail.StartsWith("publickey", StringComparison.OrdinalIgnoreCase))?.Detail;

    private static bool IsSha1Refusal(string detail) =>
        detail.Contains("ssh-rsa", StringComparison.OrdinalIgnoreCase)
        && (detail.Contains("SHA-1", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("sha1", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("signature algorithm ssh-rsa", StringComparison.OrdinalIgnoreCase));

    /// <summary>What the receiver saw, as one sentence.</summary>
    public static string ReceiverSide(IReadOnlyList<SessionOutcome> records, string account, string target, UploadProtocol protocol)
    {
        if (records.Count == 0)
        {
            return $"no connection arrived at {target}: the camera cannot reach the receiver there (wrong address or port, firewall, or Docker/NAT: give the address the camera must use with --receiver-address/--receiver-port).";
        }

        var expectSsh = protocol == UploadProtocol.Sftp;
        if (records.All(r => (r.Protocol == "sftp") != expectSsh))
        {
            return $"the camera's connection arrived at the receiver's {(expectSsh ? "FTP" : "sFTP")} server, but it was set up for {EnrollmentPlan.Name(protocol)}: {target} is the wrong port (--receiver-port).";
        }

        var negotiation = records.LastOrDefault(r => r.Kind == SessionEventKind.NegotiationFailed);
        if (negotiation is not null)
        {
            // A TLS handshake also fails when the camera rejects the certificate, not only on a version mismatch.
            return expectSsh
                ? $"the camera connected but no common algorithm was found: {negotiation.Detail}."
                : $"the camera connected but the TLS handshake failed (the camera refused the receiver's certificate, or no common TLS version or cipher): {negotiation.Detail}.";
        }

        var otherUser = records.FirstOrDefault(r => r.User is not null && r.User != account);
        var loginFailures = records.Where(r => r.Kind == SessionEventKind.LoginFailed && r.User == account).ToList();
        var loggedIn = records.Any(r => r.Kind == SessionEventKind.LoginSucceeded && r.User == account);
        if (loginFailures.Count > 0 && !loggedIn)
        {
            return $"the camera's login as '{account}' was refused: {string.Join("; ", loginFailures.Select(f => f.Detail).Distinct())}.";
        }

        var refused = records.LastOrDefault(r => r.Kind == SessionEventKind.Refused && r.User == account);
        if (refused is not null)
        {
            return $"the camera logged in, then a path was refused: {refused.Detail}.";
        }

        var broken = records.LastOrDefault(r => r.Kind == SessionEventKind.UploadFailed && r.User == account);
        if (broken is not null)
        {
            return $"the camera logged in, but its upload broke off: {broken.Detail}.";
        }

        if (UploadArrived(records, account))
        {
            return $"the test upload arrived for '{account}' ({LoginMethod(records, account) ?? "login method not recorded"}).";
        }

        if (loggedIn)
        {
            return $"the camera logged in as '{account}' ({LoginMethod(records, account)}) but no upload completed.";
        }

        if (otherUser is not null)
        {
            return $"a login arrived for user '{otherUser.User}', not '{account}': the camera is using other credentials.";
        }

        return "the camera connected but left before logging in (it did not accept the receiver's host key or certificate, or something else answers on that port).";
    }

    /// <summary>The camera's side, with what the result usually means here.</summary>
    public static string CameraSide(FtpTestResult result, UploadProtocol protocol) => result.Code switch
    {
        FtpTestResultCode.Success => "test upload succeeded (result 0).",
        FtpTestResultCode.CannotConnect => $"result {result} - the camera could not connect (or could not complete the {(protocol == UploadProtocol.Sftp ? "SSH" : "TLS")} handshake).",
        FtpTestResultCode.InvalidCredentials => $"result {result} - the server refused the user name, key and password the camera sent.",
        FtpTestResultCode.ServerNotVerified => $"result {result} - the camera did not accept the server's {(protocol == UploadProtocol.Sftp ? "host key (a different key than the one pinned)" : "certificate")}.",
        _ => $"result {result}.",
    };
}
