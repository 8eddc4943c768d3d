namespace Receiver.Provisioning.Camera;

/// <summary>testftp's documented <c>result</c> values.</summary>
public enum FtpTestResultCode
{
    Success = 0,
    CannotConnect = -1,
    InvalidCredentials = -2,
    PermissionOrBadPath = -3,
    Timeout = -4,
    ServerNotVerified = -5,
    Busy = -6,
    InternalError = -7,
    UnknownError = -8,
    TransferIncomplete = -9,
}

/// <summary>What the camera's test upload reported: the result and, for sFTP, the server host key it saw (base64 blob).</summary>
public sealed record FtpTestResult(int Result, string? HostKey)
{
    public bool Succeeded => Result == 0;

    public FtpTestResultCode? Code => Enum.IsDefined(typeof(FtpTestResultCode), Result) ? (FtpTestResultCode)Result : null;

    public string Meaning => Describe(Result);

    public static string Describe(int result) => result switch
    {
        0 => "success",
        -1 => "can't connect to server",
        -2 => "invalid credentials",
        -3 => "permission error / bad path",
        -4 => "timeout",
        -5 => "server cannot be verified",
        -6 => "busy",
        -7 => "internal error",
        -8 => "unknown error",
        -9 => "transfer incomplete",
        _ => "undocumented result",
    };

    public override string ToString() => $"{Result} ({Meaning})";
}
