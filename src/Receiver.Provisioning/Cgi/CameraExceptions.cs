namespace Receiver.Provisioning.Cgi;

/// <summary>Any failure talking to a camera. Messages never contain passwords.</summary>
public class CameraException : Exception
{
    public CameraException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The camera answered a command with a documented error <c>response</c> code.</summary>
public sealed class CameraCommandException : CameraException
{
    public CameraCommandException(string command, int code, string? parameter = null)
        : base(BuildMessage(command, code, parameter))
    {
        Command = command;
        Code = code;
        Parameter = parameter;
    }

    public string Command { get; }

    public int Code { get; }

    /// <summary>The code as the enum, or null when the camera sent an undocumented code.</summary>
    public CameraResponseCode? KnownCode => Enum.IsDefined(typeof(CameraResponseCode), Code) ? (CameraResponseCode)Code : null;

    public string Meaning => CameraResponseCodes.Describe(Code);

    /// <summary>The parameter the request was about, when the client knows it (e.g. a single-value set).</summary>
    public string? Parameter { get; }

    private static string BuildMessage(string command, int code, string? parameter) =>
        $"The camera refused '{command}': response {code} ({CameraResponseCodes.Describe(code)})"
        + (parameter is null ? "." : $" for '{parameter}'.");
}

/// <summary>The camera could not be reached: refused, unreachable, name not resolved, timed out, TLS failed.</summary>
public sealed class CameraConnectionException : CameraException
{
    public CameraConnectionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The camera rejected the admin credentials (HTTP 401 with both auth styles).</summary>
public sealed class CameraAuthenticationException : CameraException
{
    public CameraAuthenticationException(string message)
        : base(message)
    {
    }
}

/// <summary>Something answered, but not like an INSTAR camera (HTTP error, HTML page, missing values).</summary>
public sealed class CameraProtocolException : CameraException
{
    public CameraProtocolException(string message, string? body = null)
        : base(message)
    {
        Body = body;
    }

    /// <summary>The start of what came back, for diagnosis.</summary>
    public string? Body { get; }
}

/// <summary>A value was refused by the client before anything was sent to the camera.</summary>
public sealed class CameraValueException : ArgumentException
{
    public CameraValueException(string parameter, string message)
        : base($"{parameter}: {message}", parameter)
    {
    }
}
