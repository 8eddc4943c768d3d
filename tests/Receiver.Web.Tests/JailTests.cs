namespace Receiver.Web.Tests;

/// <summary>No URL path reaches the disk past the jail: curl (--path-as-is) sends the paths exactly as written.</summary>
public class JailTests : WebReceiverTests
{
    [Fact]
    public async Task Dot_dot_encoded_slashes_another_cameras_name_hidden_files_and_symlinks_reach_nothing()
    {
        Receiver.AddCamera("a", "password-a-123");
        Receiver.AddCamera("b", "password-b-123");
        var day = Receiver.Today;
        Directory.CreateDirectory(Receiver.DayFolder("a"));
        Directory.CreateDirectory(Receiver.DayFolder("b"));
        await File.WriteAllTextAsync(Path.Combine(Receiver.DayFolder("a"), "mine.txt"), "camera a's file");
        await File.WriteAllTextAsync(Path.Combine(Receiver.DayFolder("b"), "secret.txt"), "SECRET-OF-B");
        File.CreateSymbolicLink(Path.Combine(Receiver.DayFolder("a"), "link.txt"), Path.Combine(Receiver.DayFolder("b"), "secret.txt"));
        var session = await SessionCookieAsync();

        var ok = await CurlAsync(session, $"/files/a/{day}/mine.txt");
        Assert.Equal(("200", "camera a's file"), ok);

        string[] attacks =
        [
            $"/files/a/{day}/..%2F..%2Fb%2F{day}%2Fsecret.txt",
            $"/files/a/{day}/%2e%2e%2F%2e%2e%2Fb%2F{day}%2Fsecret.txt",
            $"/files/a/{day}/%252e%252e%252F%252e%252e%252Fb%252F{day}%252Fsecret.txt",
            $"/files/a/{day}/..%5C..%5Cb%5C{day}%5Csecret.txt",
            $"/files/a/{day}/link.txt",
            $"/files/a/..%2Fb/{day}/secret.txt",
            $"/files/a/{day}%2F..%2F..%2Fb%2F{day}/secret.txt",
            $"/files/.receiver/keys/ssh_host_ed25519_key",
            $"/files/a/{day}/..%2F..%2F.receiver%2Faccounts.json",
            $"/files/a/{day}/%2e%2e/%2e%2e/.receiver/admin.json",
            $"/thumbs/a/{day}/..%2F..%2Fb%2F{day}%2Fsecret.txt",
            $"/static/..%2F..%2F.receiver%2Faccounts.json",
            $"/files/a/{day}/",
            $"/files/a/{day}",
            $"/files/a/",
        ];
        foreach (var attack in attacks)
        {
            var (status, body) = await CurlAsync(session, attack);
            Assert.True(status is "404" or "400", $"{attack} answered {status}");
            Assert.DoesNotContain("SECRET-OF-B", body);
            Assert.DoesNotContain("pbkdf2", body);
            Assert.DoesNotContain("PRIVATE KEY", body);
        }
    }

    private async Task<string> SessionCookieAsync()
    {
        var cookies = new System.Net.CookieContainer();
        using var client = Receiver.Client(cookies);
        await WebReceiver.SignInAsync(client, WebReceiver.AdminPassword);
        return "receiver_session=" + cookies.GetCookies(Receiver.BaseUri)["receiver_session"]!.Value;
    }

    private async Task<(string Status, string Body)> CurlAsync(string cookie, string path)
    {
        var body = Path.GetTempFileName();
        try
        {
            var result = await ExternalProcess.RunAsync("curl", ["-sk", "--path-as-is", "-o", body, "-w", "%{http_code}", "-H", "Cookie: " + cookie, $"https://127.0.0.1:{Receiver.WebPort}{path}"]);
            Assert.True(result.ExitCode == 0, result.Describe());
            return (result.StandardOutput.Trim(), await File.ReadAllTextAsync(body));
        }
        finally
        {
            File.Delete(body);
        }
    }
}
