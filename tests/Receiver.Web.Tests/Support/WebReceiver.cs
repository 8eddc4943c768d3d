using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receiver.Accounts;
using Receiver.Hosting;
using Receiver.Provisioning.Tests.Support;
using Receiver.Storage;
using Receiver.Web.Auth;

namespace Receiver.Web.Tests.Support;

/// <summary>
/// The receiver service in-process on loopback with the web page on (HTTPS on a free port with the receiver's own
/// self-signed certificate, the redirect port, sFTP and FTP), on a temporary data folder; the admin password set.
/// </summary>
internal sealed partial class WebReceiver : IAsyncDisposable
{
    public const string AdminPassword = "correct horse battery";

    private readonly IHost _host;

    private WebReceiver(IHost host, Dictionary<string, string?> configuration, string root)
    {
        _host = host;
        Configuration = configuration;
        Root = root;
    }

    public Dictionary<string, string?> Configuration { get; }

    public string Root { get; }

    public IServiceProvider Services => _host.Services;

    public int WebPort => Port("Web:Port");

    public int HttpPort => Port("Web:HttpPort");

    public int SftpPort => Port("Sftp:Port");

    public int FtpPort => Port("Ftp:Port");

    public Uri BaseUri => new($"https://127.0.0.1:{WebPort}/");

    public static async Task<WebReceiver> StartAsync(IDictionary<string, string?>? extra = null, bool setAdminPassword = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "web-" + Guid.NewGuid().ToString("N")[..10]);
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Root"] = root,
            ["Sftp:Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Sftp:ListenAddress"] = "127.0.0.1",
            ["Ftp:Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Ftp:ListenAddress"] = "127.0.0.1",
            ["Ftp:PassivePorts"] = "",
            ["Web:Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Web:HttpPort"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Web:ListenAddress"] = "127.0.0.1",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        ReceiverKeyTemplate.CopyInto(root);
        if (setAdminPassword)
        {
            new AdminCredentials(new DataPaths(root), new PasswordHasher()).Set(AdminPassword);
        }

        var host = ReceiverHost.CreateBuilder(configuration).Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var receiver = new WebReceiver(host, configuration, root);
        await FreePort.WaitForListenerAsync(receiver.WebPort);
        await FreePort.WaitForListenerAsync(receiver.SftpPort);
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

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private int Port(string key) => int.Parse(Configuration[key]!, CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
