using System.Globalization;
using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Camera;

/// <summary>Checks values before they are sent, so the camera never stores a half-valid configuration.</summary>
internal static class CameraValueRules
{
    public static string Port(string name, int port) =>
        port is >= 1 and <= 65535 ? Number(port) : throw new CameraValueException(name, $"port {port} is outside 1-65535.");

    public static string Range(string name, int value, int min, int max) =>
        value >= min && value <= max ? Number(value) : throw new CameraValueException(name, $"{value} is outside {min}-{max}.");

    public static string Flag(bool value) => value ? "1" : "0";

    /// <summary>Free text the camera stores in quotes: no control characters, no quote, bounded length.</summary>
    public static string Text(string name, string value, int maxLength, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!allowEmpty && value.Length == 0)
        {
            throw new CameraValueException(name, "must not be empty.");
        }

        if (value.Length > maxLength)
        {
            throw new CameraValueException(name, $"is longer than {maxLength} characters.");
        }

        if (value.Any(c => char.IsControl(c) || c == '"'))
        {
            throw new CameraValueException(name, "contains a control character or a double quote.");
        }

        return value;
    }

    /// <summary>A host name or IP literal: letters, digits, '.', '-', ':' (IPv6).</summary>
    public static string Host(string name, string value)
    {
        Text(name, value, 253);
        return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':')
            ? value
            : throw new CameraValueException(name, $"'{value}' is not a host name or IP address.");
    }

    public static string FileName(string name, string value)
    {
        Text(name, value, 63);
        return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? value
            : throw new CameraValueException(name, $"'{value}' may contain only letters, digits, '_', '-' and '.'.");
    }

    public static bool ParseFlag(CgiResponse response, string name) => response.RequireInt(name) switch
    {
        0 => false,
        1 => true,
        var other => throw new CameraProtocolException($"The camera's '{name}' is {other}, expected 0 or 1.", response.Body),
    };

    public static TEnum ParseEnum<TEnum>(CgiResponse response, string name)
        where TEnum : struct, Enum
    {
        var value = response.RequireInt(name);
        return Enum.IsDefined(typeof(TEnum), value)
            ? (TEnum)Enum.ToObject(typeof(TEnum), value)
            : throw new CameraProtocolException($"The camera's '{name}' is {value}, which this client does not know.", response.Body);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
