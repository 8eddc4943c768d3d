using Renci.SshNet;

namespace Receiver.Reliability.Tests.Support;

/// <summary>SSH.NET as an in-process sFTP camera: password login on loopback, with timeouts so a hang fails the test.</summary>
public static class SshNetCamera
{
    public static SftpClient Connect(int port, string user, string password)
    {
        var info = new ConnectionInfo("127.0.0.1", port, user, new PasswordAuthenticationMethod(user, password))
        {
            Timeout = TimeSpan.FromSeconds(20),
        };
        var client = new SftpClient(info) { OperationTimeout = TimeSpan.FromSeconds(60) };
        client.Connect();
        return client;
    }

    /// <summary>Uploads a local file under <paramref name="remoteName"/> in the camera's folder.</summary>
    public static void Upload(this SftpClient client, string localFile, string remoteName)
    {
        using var input = File.OpenRead(localFile);
        client.UploadFile(input, "/" + remoteName);
    }
}
