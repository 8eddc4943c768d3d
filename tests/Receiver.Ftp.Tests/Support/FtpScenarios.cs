namespace Receiver.Ftp.Tests.Support;

/// <summary>Client moves that more than one FTP test makes, each written once.</summary>
internal static class FtpScenarios
{
    /// <summary>
    /// Wrong passwords for <paramref name="user"/> from this address (a new connection each, every one answered
    /// "530 Login incorrect."), then the right one, which the lockout refuses: returns that refused connection.
    /// </summary>
    public static async Task<RawFtpClient> GuessUntilLockedOutAsync(int port, string user, string password, int wrongGuesses, string guess)
    {
        for (var attempt = 0; attempt < wrongGuesses; attempt++)
        {
            await using var guesser = await RawFtpClient.ConnectAsync(port, login: false);
            Assert.StartsWith("331", await guesser.SendAsync("USER " + user));
            Assert.Equal("530 Login incorrect.", await guesser.SendAsync("PASS " + guess + attempt));
        }

        var locked = await RawFtpClient.ConnectAsync(port, login: false);
        Assert.StartsWith("331", await locked.SendAsync("USER " + user));
        Assert.StartsWith("530 Too many failed logins", await locked.SendAsync("PASS " + password));
        return locked;
    }

    /// <summary>Starts STOR <paramref name="name"/> over EPSV, sends <paramref name="length"/> bytes, resets the data connection and returns the control reply.</summary>
    public static async Task<string> StoreThenResetAsync(this RawFtpClient client, string name, int length)
    {
        var port = await client.EpsvAsync();
        var data = await CameraQuirkTests.ConnectDataAsync(port);
        Assert.StartsWith("150", await client.SendAsync("STOR " + name));
        await data.GetStream().WriteAsync(new byte[length]);

        // A reset, as when a camera loses power or its link: the server cannot mistake it for the end of the file.
        data.Client.Close(timeout: 0);
        data.Dispose();

        return await client.ReadReplyAsync();
    }
}
