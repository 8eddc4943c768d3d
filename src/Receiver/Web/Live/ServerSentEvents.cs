using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Receiver.Web.Live;

/// <summary>Writes a text/event-stream answer: named events with one line of data each, and a comment now and then to keep it open.</summary>
internal sealed class ServerSentEvents
{
    private readonly HttpResponse _response;

    private ServerSentEvents(HttpResponse response)
    {
        _response = response;
    }

    public static async Task<ServerSentEvents> StartAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.Body.FlushAsync(context.RequestAborted);
        return new ServerSentEvents(context.Response);
    }

    /// <param name="id">Sent as the event's id: a browser that reconnects says the last one it got (Last-Event-ID).</param>
    public async Task SendAsync(string name, string data, CancellationToken cancellationToken, int? id = null)
    {
        var text = new StringBuilder();
        if (id is not null)
        {
            text.Append("id: ").Append(id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("event: ").Append(name).Append('\n');
        foreach (var line in data.Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        await _response.WriteAsync(text.Append('\n').ToString(), cancellationToken);
        await _response.Body.FlushAsync(cancellationToken);
    }

    public async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        await _response.WriteAsync(": keep-alive\n\n", cancellationToken);
        await _response.Body.FlushAsync(cancellationToken);
    }
}
