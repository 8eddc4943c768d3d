using System.Net;
using System.Text.Json;
using Receiver.Web.Hosting;

namespace Receiver.Web.Health;

/// <summary>
/// receiver --health with the web server on. With the plain HTTP port on (the default), the web server must answer
/// a request there with its redirect to HTTPS: no TLS, because a TLS client reads the whole system trust store to
/// build the certificate's chain, even one it then accepts unchecked (about 100 ms of CPU, every 30 s in Docker,
/// against a few for this). Without the HTTP port: GET https://loopback:Web:Port/healthz, exit 0 on 200.
/// </summary>
internal static class WebHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    /// <summary>Whether the web server answers on its plain HTTP port with the redirect to its HTTPS port.</summary>
    public static async Task<bool> RedirectAnswersAsync(WebOptions web, TextWriter output)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(HealthzUrl(web, "http", web.HttpPort));
            var redirected = response.StatusCode == HttpStatusCode.PermanentRedirect
                && response.Headers.Location is { Scheme: "https" } location && location.Port == web.Port;
            output.WriteLine($"web port {web.Port}: {(redirected ? "ok" : $"failing (HTTP port {web.HttpPort} answered {(int)response.StatusCode})")}");
            return redirected;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"web port {web.Port}: not answering (HTTP port {web.HttpPort}: {ex.Message})");
            return false;
        }
    }

    public static async Task<int> RunAsync(WebOptions web, TextWriter output)
    {
        // The service's own, usually self-signed, certificate on this machine: nothing to verify it against.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(HealthzUrl(web, "https", web.Port));
            var body = await response.Content.ReadAsStringAsync();
            foreach (var listener in Listeners(body))
            {
                output.WriteLine(listener);
            }

            output.WriteLine($"web port {web.Port}: {(int)response.StatusCode} {(response.IsSuccessStatusCode ? "ok" : "failing")}");
            return response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"web port {web.Port}: not answering ({ex.Message})");
            return 1;
        }
    }

    /// <summary>/healthz on the web server's own loopback address (the listen address, or loopback for "*").</summary>
    private static Uri HealthzUrl(WebOptions web, string scheme, int port) =>
        new UriBuilder(scheme, Options.ListenAddress.ProbeTarget(web.ListenAddress).ToString(), port, "/healthz").Uri;

    private static IEnumerable<string> Listeners(string body)
    {
        var lines = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var listener in document.RootElement.GetProperty("listeners").EnumerateArray())
            {
                lines.Add($"{listener.GetProperty("name").GetString()} port {listener.GetProperty("port").GetInt32()}: {(listener.GetProperty("ok").GetBoolean() ? "ok" : listener.GetProperty("detail").GetString())}");
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            lines.Add("(no listener details in the answer)");
        }

        return lines;
    }
}
