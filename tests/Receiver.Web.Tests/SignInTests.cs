using Receiver.Abstractions;
using Receiver.Accounts;

namespace Receiver.Web.Tests;

public class SignInTests
{
    [Fact]
    public async Task Until_the_admin_password_is_set_every_page_says_how_and_serves_nothing_else()
    {
        await using var receiver = await WebReceiver.StartAsync(setAdminPassword: false);
        receiver.AddCamera("door", "pw-door-12345");
        using var client = receiver.Client();

        foreach (var path in new[] { "/", "/signin", "/gallery/door", "/add-camera", "/enroll" })
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("receiver --set-admin-password", body);
            Assert.DoesNotContain("door", body);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Set_admin_password_prints_a_generated_password_once_and_it_signs_in()
    {
        await using var receiver = await WebReceiver.StartAsync(setAdminPassword: false);
        using var output = new StringWriter();

        var exit = await ReceiverProgram.RunAsync(["--set-admin-password"], new Cli.CliConsole(new StringReader(""), output, output), receiver.Configuration);

        Assert.Equal(0, exit);
        var password = output.ToString().Split("Password (shown only now): ")[1].Trim();
        Assert.Equal(24, password.Length);
        var mode = File.GetUnixFileMode(Path.Combine(receiver.Root, ".receiver", "admin.json"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(Path.Combine(receiver.Root, ".receiver", "admin.json")));
        using var client = receiver.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await WebReceiver.SignInAsync(client, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_Secure_and_SameSite_Strict()
    {
        await using var receiver = await WebReceiver.StartAsync();
        using var client = receiver.Client();

        using var response = await WebReceiver.SignInAsync(client, WebReceiver.AdminPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("receiver_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("secure", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/", cookie);
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_refused_signed_in_or_not()
    {
        await using var receiver = await WebReceiver.StartAsync();
        var (client, token) = await receiver.SignedInClientAsync();
        using (client)
        {
            using var forged = await client.PostAsync("/add-camera", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "forged", ["protocol"] = "sftp" }));
            using var wrong = await client.PostAsync("/add-camera", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "forged", ["_token"] = token + "x" }));
            using var proper = await client.PostAsync("/add-camera", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "real", ["_token"] = token, ["protocol"] = "sftp" }));

            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("anti-forgery token", await forged.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Null(receiver.Get<AccountStore>().Find("forged"));
            Assert.Equal(HttpStatusCode.OK, proper.StatusCode);
            Assert.Equal(CameraProtocols.Sftp, receiver.Get<AccountStore>().Find("real")!.Protocols);
        }

        using var stranger = receiver.Client();
        using var signIn = await stranger.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = WebReceiver.AdminPassword }));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.DoesNotContain(signIn.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("receiver_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_http_port_only_redirects_to_the_same_path_over_https()
    {
        await using var receiver = await WebReceiver.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        foreach (var path in new[] { "/gallery/door/2026-12-01?page=2", "/healthz", "/metrics", "/signin" })
        {
            using var response = await client.GetAsync($"http://127.0.0.1:{receiver.HttpPort}{path}");
            Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
            Assert.Equal($"https://127.0.0.1:{receiver.WebPort}{path}", response.Headers.Location!.ToString());
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }
}
