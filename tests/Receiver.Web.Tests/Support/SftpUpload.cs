using Renci.SshNet;

namespace Receiver.Web.Tests.Support;

/// <summary>Uploads as a camera does, with SSH.NET (an sFTP client independent of the receiver).</summary>
internal static class SftpUpload
{
    public static void Put(int port, string user, string password, string name, byte[] content)
    {
        using var client = new SftpClient("127.0.0.1", port, user, password);
        client.Connect();
        using var stream = new MemoryStream(content);
        client.UploadFile(stream, name);
        client.Disconnect();
    }

    /// <summary>True when the password logs in over sFTP.</summary>
    public static bool CanLogIn(int port, string user, string password)
    {
        using var client = new SftpClient("127.0.0.1", port, user, password);
        try
        {
            client.Connect();
            client.Disconnect();
            return true;
        }
        catch (Renci.SshNet.Common.SshAuthenticationException)
        {
            return false;
        }
    }
}
