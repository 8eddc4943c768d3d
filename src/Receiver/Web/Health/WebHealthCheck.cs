using System.Net;
using System.Text.Json;
using Receiver.Web.Hosting;

namespace Receiver.Web.Health;

/// <summary>receiver --health with the web server on: GET https://loopback:Web:Port/healthz; exit 0 on 200.</summary>
internal static class WebHealthCheck
{
    public static async Task<int> RunAsync(WebOptions web, TextWriter output)
    {
        var host = Options.ListenAddress.ProbeTarget(web.ListenAddress);
        var url = new UriBuilder("https", host.ToString(), web.Port, "/healthz").Uri;

        // The service's own, usually self-signed, certificate on this machine: nothing to verify it against.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(8) };
        try
        {
            using var response = await client.GetAsync(url);
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
