using Microsoft.AspNetCore.Http;

namespace Receiver.Web.Hosting;

/// <summary>The plain HTTP port (Web:HttpPort) answers every request with a redirect to the same path over HTTPS, and serves nothing.</summary>
internal sealed class HttpsRedirect(RequestDelegate next, WebSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            return next(context);
        }

        var host = context.Request.Host.Host;
        var target = $"https://{(host.Contains(':') ? $"[{host.Trim('[', ']')}]" : host)}:{settings.Options.Port}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    }
}
