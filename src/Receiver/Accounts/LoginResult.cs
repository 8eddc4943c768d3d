namespace Receiver.Accounts;

public enum LoginFailure
{
    None,
    UnknownUser,
    WrongPassword,
    KeyNotAuthorized,
    InvalidSignature,
    Disabled,
    ProtocolNotAllowed,
    TlsRequired,
    LockedOut,
}

/// <summary>The outcome of one login check; <see cref="Account"/> is set on success.</summary>
public sealed record LoginResult(LoginFailure Failure, CameraAccount? Account)
{
    public bool Succeeded => Failure == LoginFailure.None;

    /// <summary>How long to wait before telling the client of this failure (the account's slow-down).</summary>
    public TimeSpan FailureDelay { get; init; }

    public static LoginResult Success(CameraAccount account) => new(LoginFailure.None, account);

    public static LoginResult Fail(LoginFailure failure) => new(failure, null);

    /// <summary>Words for logs and diagnosis; never says more to a client than "login incorrect".</summary>
    public string Describe() => Failure switch
    {
        LoginFailure.None => "ok",
        LoginFailure.UnknownUser => "unknown user",
        LoginFailure.WrongPassword => "wrong password",
        LoginFailure.KeyNotAuthorized => "key not authorized for this account",
        LoginFailure.InvalidSignature => "invalid signature",
        LoginFailure.Disabled => "account disabled",
        LoginFailure.ProtocolNotAllowed => "protocol not allowed for this account",
        LoginFailure.TlsRequired => "account requires TLS (FTPS)",
        LoginFailure.LockedOut => "locked out after repeated failures",
        _ => Failure.ToString(),
    };
}
