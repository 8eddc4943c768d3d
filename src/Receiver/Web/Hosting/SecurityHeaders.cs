using Microsoft.AspNetCore.Http;

namespace Receiver.Web.Hosting;

/// <summary>Headers on every answer: scripts and styles only from this program, no framing, no sniffing, no referrer.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Policy = "default-src 'self'; img-src 'self' data:; media-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}
