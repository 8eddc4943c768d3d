using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Receiver.Enrollment;
using Receiver.Options;
using Receiver.Provisioning.Enrollment;

namespace Receiver.Web.Health;

/// <summary>
/// GET /healthz: 200 when every enabled listener accepts a connection and greets (the same probe enrollment
/// uses), 503 otherwise; the JSON body has one entry per listener.
/// </summary>
internal static class HealthEndpoint
{
    public static async Task HandleAsync(HttpContext context, IOptions<SftpOptions> sftp, IOptions<FtpOptions> ftp)
    {
        var probe = new ListenerProbe(sftp, ftp);
        var checks = new List<(string Name, int Port, ServiceStatus Status)>();
        if (sftp.Value.Port != 0)
        {
            checks.Add(("sftp", sftp.Value.Port, await probe.CheckAsync(UploadProtocol.Sftp, context.RequestAborted)));
        }

        if (ftp.Value.Port != 0)
        {
            checks.Add(("ftp", ftp.Value.Port, await probe.CheckAsync(UploadProtocol.Ftp, context.RequestAborted)));
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
