using Microsoft.AspNetCore.Http;
using Receiver.Web.Hosting;

namespace Receiver.Web.Metrics;

/// <summary>GET /metrics: Prometheus text format, no sign-in, only to the addresses in Web:MetricsAllowFrom.</summary>
internal static class MetricsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ReceiverMetrics metrics, WebSettings settings)
    {
        if (!settings.MetricsAllowFrom.Allows(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Not allowed from this address (Web:MetricsAllowFrom).\n", context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
