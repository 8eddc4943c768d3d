using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Receiver.Accounts;
using Receiver.Provisioning.Tests.Support;
using Receiver.Web.Auth;

namespace Receiver.Web.Tests.Support;

/// <summary>
/// The receiver service in-process on loopback with the web page on (HTTPS on a free port with the receiver's own
/// self-signed certificate, the redirect port, sFTP and FTP), on a temporary data folder; the admin password set.
/// </summary>
internal sealed partial class WebReceiver : IAsyncDisposable
{
    public const string AdminPassword = "correct horse battery";

    private readonly RunningReceiver _receiver;

    private WebReceiver(RunningReceiver receiver)
    {
        _receiver = receiver;
    }

    public Dictionary<string, string?> Configuration => _receiver.Configuration;

    public string Root => _receiver.Root;

    public IServiceProvider Services => _receiver.Services;

    public int WebPort => Port("Web:Port");

    public int HttpPort => Port("Web:HttpPort");

    public int SftpPort => _receiver.SftpPort;

    public Uri BaseUri => new($"https://127.0.0.1:{WebPort}/");

    /// <summary>The provisioning tests' running receiver (sFTP and FTP on loopback) with the web page switched on.</summary>
    public static async Task<WebReceiver> StartAsync(IDictionary<string, string?>? extra = null, bool setAdminPassword = true)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Web:Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Web:HttpPort"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Web:ListenAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var receiver = new WebReceiver(await RunningReceiver.StartAsync(configuration));
        if (setAdminPassword)
        {
            receiver.Get<AdminCredentials>().Set(AdminPassword);
        }

        await FreePort.WaitForListenerAsync(receiver.WebPort);
        return receiver;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public CameraAccount AddCamera(string name, string password, Func<CameraAccount, CameraAccount>? adjust = null)
    {
        var account = new CameraAccount { Name = name, PasswordHash = PasswordHasher.Hash(password) };
        var added = Get<AccountStore>().Add(adjust is null ? account : adjust(account));
        Directory.CreateDirectory(Path.Combine(Root, name));
        return added;
    }

    public string Today => DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string DayFolder(string camera) => Path.Combine(Root, camera, Today);

    /// <summary>An HTTP client that trusts the receiver's self-signed certificate and keeps cookies; redirects are not followed.</summary>
    public HttpClient Client(CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        AllowAutoRedirect = false,
        CookieContainer = cookies ?? new CookieContainer(),
        UseCookies = true,
    })
    { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Signs in through the form as a browser does; returns the client and the page's form token.</summary>
    public async Task<(HttpClient Client, string FormToken)> SignedInClientAsync()
    {
        var client = Client();
        var response = await SignInAsync(client, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetStringAsync("/");
        return (client, TokenIn(home));
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string password)
    {
        var form = await client.GetStringAsync("/signin");
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_token"] = TokenIn(form),
            ["password"] = password,
            ["return"] = "/",
        }));
    }

    public static string TokenIn(string html) => TokenField().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("No form token in the page: " + html);

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    private int Port(string key) => int.Parse(Configuration[key]!, CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
