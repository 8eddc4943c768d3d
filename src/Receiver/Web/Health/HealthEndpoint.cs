using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Receiver.Enrollment;
using Receiver.Options;
using Receiver.Provisioning.Workflow;

namespace Receiver.Web.Health;

/// <summary>
/// GET /healthz: 200 when every enabled listener accepts a connection and greets (the same probe enrollment
/// uses), 503 otherwise; the JSON body has one entry per listener.
/// </summary>
internal static class HealthEndpoint
{
    public static async Task HandleAsync(HttpContext context, IOptions<SshOptions> ssh, IOptions<FtpOptions> ftp)
    {
        var probe = new ListenerProbe(ssh, ftp);
        var checks = new List<(string Name, int Port, ServiceStatus Status)>();
        foreach (var protocol in probe.Enabled())
        {
            var (name, port) = probe.Identify(protocol);
            checks.Add((name, port, await probe.CheckAsync(protocol, context.RequestAborted)));
        }

        var healthy = checks.All(c => c.Status.Running);
        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", healthy ? "ok" : "failing");
        json.WriteStartArray("listeners");
        foreach (var (name, port, status) in checks)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("port", port);
            json.WriteBoolean("ok", status.Running);
            json.WriteString("detail", status.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
