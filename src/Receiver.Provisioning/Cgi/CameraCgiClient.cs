using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Flurl;
using Flurl.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Receiver.Provisioning.Cgi;

/// <summary>
/// Sends param.cgi commands: HTTP basic auth first, the <c>user</c>/<c>pwd</c> query form when the camera
/// answers 401; every value percent-encoded; answers parsed and error codes turned into exceptions.
/// </summary>
public sealed class CameraCgiClient : IDisposable
{
    private const int MaxBodyShown = 120;
    private readonly CameraConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _httpClient;
    private readonly FlurlClient _flurl;

    public CameraCgiClient(CameraConnectionOptions options, ILogger? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        var handler = new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout };
        if (options.AllowInvalidCertificate)
        {
            // Only on explicit request: cameras ship self-signed certificates.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        _httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _flurl = new FlurlClient(_httpClient);
        _flurl.Settings.JsonSerializer = SourceGeneratedJsonSerializer.Instance;
    }

    public CameraAddress Address => _options.Address;

    /// <summary>The auth style that worked last, null before the first successful request.</summary>
    public CameraAuthStyle? AuthStyle { get; private set; }

    public Task<CgiResponse> SendAsync(string command, CancellationToken cancellationToken = default) =>
        SendAsync(command, [], null, cancellationToken);

    /// <summary>Sends <paramref name="command"/> with the parameters in the given order and returns the parsed answer.</summary>
    /// <exception cref="CameraCommandException">The camera answered with an error response code.</exception>
    /// <exception cref="CameraException">The camera could not be reached or did not answer like a camera.</exception>
    public async Task<CgiResponse> SendAsync(
        string command,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        TimeSpan? timeout,
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? _options.RequestTimeout;
        var style = AuthStyle ?? CameraAuthStyle.BasicAuth;
        _logger.LogDebug("Camera {Camera}: {Command} ({Parameters})", _options.Address, command, string.Join(",", parameters.Select(p => p.Key)));
        var (status, body) = await SendOnceAsync(command, parameters, style, limit, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.Unauthorized && AuthStyle is null)
        {
            // Some firmware refuses basic auth but accepts the credentials as query parameters.
            style = CameraAuthStyle.QueryParameters;
            (status, body) = await SendOnceAsync(command, parameters, style, limit, cancellationToken).ConfigureAwait(false);
        }

        if (status == HttpStatusCode.Unauthorized)
        {
            throw new CameraAuthenticationException(
                $"The camera at {_options.Address} rejected the user '{_options.User}' and its password (HTTP 401), with basic auth and with user/pwd parameters.");
        }

        if ((int)status is < 200 or > 299)
        {
            throw new CameraProtocolException(
                $"The camera at {_options.Address} answered '{command}' with HTTP {(int)status} {status}: is this an INSTAR camera's web port?",
                Shorten(body));
        }

        AuthStyle = style;
        var response = CgiResponse.Parse(body);
        if (response.Values.Count == 0)
        {
            throw new CameraProtocolException(
                $"The answer from {_options.Address} to '{command}' is not an INSTAR param.cgi answer (no name=\"value\"; lines): \"{Shorten(body)}\".",
                Shorten(body));
        }

        if (response.ResponseCode is { } code && !CameraResponseCodes.IsSuccess(code))
        {
            throw new CameraCommandException(command, code, parameters.Count == 1 ? parameters[0].Key : null);
        }

        return response;
    }

    private async Task<(HttpStatusCode Status, string Body)> SendOnceAsync(
        string command,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        CameraAuthStyle style,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var url = BuildUrl(command, parameters, style);
        var request = _flurl.Request(url).AllowAnyHttpStatus().WithTimeout(timeout);
        if (style == CameraAuthStyle.BasicAuth)
        {
            request = request.WithBasicAuth(_options.User, _options.Password);
        }

        try
        {
            using var response = await request.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var body = await response.GetStringAsync().ConfigureAwait(false);
            return ((HttpStatusCode)response.StatusCode, body);
        }
        catch (FlurlHttpTimeoutException)
        {
            throw new CameraConnectionException(
                $"The camera at {_options.Address} did not answer '{command}' within {timeout.TotalSeconds:0} s.");
        }
        catch (FlurlHttpException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Flurl's own exception names the URL, which may carry pwd=: keep only the network cause.
            throw new CameraConnectionException(
                DescribeConnectionFailure(command, ex),
                (Exception?)FindInner<SocketException>(ex) ?? FindInner<AuthenticationException>(ex));
        }
    }

    /// <summary>Builds the URL with every value percent-encoded by RFC 3986 rules (so '+', '/', '=' and '&amp;' survive).</summary>
    internal Url BuildUrl(string command, IReadOnlyList<KeyValuePair<string, string>> parameters, CameraAuthStyle style)
    {
        var url = new Url(_options.Address.BaseUri).AppendPathSegment("param.cgi");
        url.AppendQueryParam("cmd", Uri.EscapeDataString(command), isEncoded: true);
        foreach (var (name, value) in parameters)
        {
            url.AppendQueryParam(name, Uri.EscapeDataString(value), isEncoded: true);
        }

        if (style == CameraAuthStyle.QueryParameters)
        {
            url.AppendQueryParam("user", Uri.EscapeDataString(_options.User), isEncoded: true);
            url.AppendQueryParam("pwd", Uri.EscapeDataString(_options.Password), isEncoded: true);
        }

        return url;
    }

    private string DescribeConnectionFailure(string command, FlurlHttpException ex)
    {
        var socket = FindInner<SocketException>(ex);
        var where = _options.Address.ToString();
        if (socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"The camera at {where} refused the connection: wrong address or port, or the web server is off.",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"The camera's name '{_options.Address.Host}' could not be resolved.",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"The camera at {where} is unreachable from this machine (no route).",
                SocketError.TimedOut => $"The camera at {where} did not accept a connection in time.",
                _ => $"Could not connect to the camera at {where}: {socket.SocketErrorCode}.",
            };
        }

        if (FindInner<AuthenticationException>(ex) is not null)
        {
            return $"The camera at {where} presented an https certificate that cannot be verified; if it is the camera's own self-signed certificate, allow it explicitly (--allow-insecure-https).";
        }

        if (FindInner<TimeoutException>(ex) is not null || FindInner<TaskCanceledException>(ex) is not null)
        {
            return $"The camera at {where} did not answer '{command}' in time.";
        }

        return $"The request '{command}' to the camera at {where} failed: {FindInner<HttpRequestException>(ex)?.Message ?? ex.Message}";
    }

    private static T? FindInner<T>(Exception ex)
        where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Shorten(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxBodyShown ? flat : flat[..MaxBodyShown] + "…";
    }

    public void Dispose()
    {
        _flurl.Dispose();
        _httpClient.Dispose();
    }
}
