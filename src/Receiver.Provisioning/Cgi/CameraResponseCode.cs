namespace Receiver.Provisioning.Cgi;

/// <summary>The documented param.cgi <c>response</c> codes.</summary>
public enum CameraResponseCode
{
    Success = 200,
    UnknownParameter = 201,
    InvalidValue = 202,
    NotImplemented = 203,
    UnknownCommand = 204,
    ReadConfigError = 205,
    WriteConfigError = 206,
    Unknown = 207,
    MissingParameter = 208,
    OperatingSystemError = 209,
    LogicError = 210,
    NoPermission = 211,
    InvalidAction = 212,
    Busy = 213,
    InternalError = 214,
    Disabled = 215,
    NotAvailable = 216,
    NotSupportedByHardware = 217,
    IpBlocked = 218,
    Unchanged = 219,
    SyntaxError = 301,
    UploadFailed = 302,
    SocketError = 303,
}

public static class CameraResponseCodes
{
    /// <summary>The vendor's meaning of a code, in words a user can act on.</summary>
    public static string Describe(int code) => code switch
    {
        200 => "success",
        201 => "unknown parameter",
        202 => "invalid value",
        203 => "not implemented",
        204 => "unknown command",
        205 => "read config error",
        206 => "write config error",
        207 => "unknown error",
        208 => "missing parameter",
        209 => "OS error",
        210 => "logic error",
        211 => "no permission",
        212 => "invalid action",
        213 => "busy",
        214 => "internal error",
        215 => "disabled",
        216 => "not available",
        217 => "not supported by hardware",
        218 => "IP blocked",
        219 => "unchanged",
        301 => "syntax error",
        302 => "upload failed",
        303 => "socket error",
        _ => "undocumented response code",
    };

    /// <summary>219 "unchanged" means the camera already had the value: not a failure.</summary>
    public static bool IsSuccess(int code) => code is 200 or 219;
}
