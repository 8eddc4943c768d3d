using System.Runtime.InteropServices;

namespace Receiver.Hosting;

/// <summary>
/// Points OpenSSL at the receiver's own settings (openssl-receiver.cnf next to the program) before anything
/// loads it, unless the user set OPENSSL_CONF. The file switches off TLS 1.3 session tickets: a ticket that
/// reaches a camera after it has sent its FTPS upload stays unread, the camera's close then resets the data
/// connection and the end of the upload is lost. .NET has no per-connection switch for tickets, and
/// Environment.SetEnvironmentVariable does not reach native getenv(), hence setenv(3).
/// </summary>
internal static partial class OpenSslDefaults
{
    public const string FileName = "openssl-receiver.cnf";

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENSSL_CONF")))
        {
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(path) && SetEnv("OPENSSL_CONF", path, 1) == 0)
        {
            Environment.SetEnvironmentVariable("OPENSSL_CONF", path);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
