using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CameraEmulator;

/// <summary>
/// A stand-in INSTAR 2K+ camera: param.cgi over HTTP(S) on 127.0.0.1 with state, both auth styles, the documented
/// error responses, and uploads (testftp, alarms) done with curl the way the firmware does them.
/// </summary>
public sealed class EmulatedCamera : IAsyncDisposable
{
    private readonly ParamCgiCommands _commands;
    private readonly SemaphoreSlim _uploadGate = new(1, 1);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<UploadOutcome> _uploads = new();
    private WebApplication? _app;
    private CameraSshKey? _sshKey;

    public EmulatedCamera(EmulatedCameraOptions? options = null)
    {
        Options = options ?? new EmulatedCameraOptions();
        _commands = new ParamCgiCommands(this);
    }

    public EmulatedCameraOptions Options { get; }

    public CameraState State { get; } = new();

    public CameraSshKey SshKey => _sshKey ?? throw new InvalidOperationException("The camera is not started.");

    public int Port { get; private set; }

    /// <summary>http(s)://127.0.0.1:port/</summary>
    public Uri BaseUri => new($"{(Options.UseHttps ? "https" : "http")}://127.0.0.1:{Port}/");

    /// <summary>Raw query strings as received (still percent-encoded), to check the client's encoding.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Every upload attempt (testftp and alarms), oldest first.</summary>
    public IReadOnlyCollection<UploadOutcome> Uploads => _uploads;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _sshKey = await CameraSshKey.GenerateAsync(cancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Options.Port, listen =>
        {
            if (Options.UseHttps)
            {
                listen.UseHttps(CreateSelfSignedCertificate());
            }
        }));
        _app = builder.Build();
        _app.MapGet("/param.cgi", HandleAsync);
        _app.MapGet("/cgi-bin/hi3510/param.cgi", HandleAsync);
        _app.MapPost("/emulator/alarm", HandleAlarmAsync);
        await _app.StartAsync(cancellationToken);
        Port = new Uri(_app.Urls.First()).Port;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _sshKey?.Dispose();
        _sshKey = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// One upload with the current FTP settings, as the firmware does it: testftp (key, then password) or an
    /// alarm upload; <paramref name="keyOnly"/> leaves the password out so only the camera's key can log in.
    /// A second upload while one runs answers -6 (busy).
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(string fileName, byte[] content, bool keyOnly, CancellationToken cancellationToken = default)
    {
        if (!await _uploadGate.WaitAsync(0, cancellationToken))
        {
            return new UploadOutcome(-6, -1, null, string.Empty, "(not run: busy)", "another upload is running");
        }

        try
        {
            var uploader = new CurlUploader(SshKey, Options.ConnectTimeout, Options.TransferTimeout, Options.TrustedCaFile);
            var outcome = await uploader.UploadAsync(UploadSettings.From(State, keyOnly), fileName, content, cancellationToken);
            _uploads.Enqueue(outcome);
            return outcome;
        }
        finally
        {
            _uploadGate.Release();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        _requests.Enqueue(context.Request.QueryString.Value ?? string.Empty);
        var query = context.Request.Query;
        if (!IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"index.html\"";
            await context.Response.WriteAsync("401 Unauthorized", context.RequestAborted);
            return;
        }

        var command = query["cmd"].ToString();
        var parameters = query
            .Where(q => q.Key is not ("cmd" or "user" or "pwd"))
            .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        CgiAnswer answer;
        try
        {
            answer = command.Length == 0
                ? CgiAnswer.Error("unknown", 208)
                : await _commands.ExecuteAsync(command, parameters, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = CgiAnswer.Error(command, 214);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(answer.ToString(), context.RequestAborted);
    }

    // Standalone use: POST /emulator/alarm?keyonly=1 uploads an alarm-style snapshot now.
    private async Task HandleAlarmAsync(HttpContext context)
    {
        if (!IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var keyOnly = context.Request.Query["keyonly"] == "1";
        var name = $"A_{DateTime.Now:yyyyMMdd_HHmmss}.jpeg";
        var outcome = await UploadAsync(name, TestSnapshot.Create(4096), keyOnly, context.RequestAborted);
        await context.Response.WriteAsync($"file=\"{name}\";\r\nresult=\"{outcome.Result}\";\r\n", context.RequestAborted);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        if (request.Query["user"] == Options.AdminUser && request.Query["pwd"] == Options.AdminPassword)
        {
            return true;
        }

        var header = request.Headers.Authorization.ToString();
        if (!Options.AcceptBasicAuth || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return decoded == $"{Options.AdminUser}:{Options.AdminPassword}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=instar-camera", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
