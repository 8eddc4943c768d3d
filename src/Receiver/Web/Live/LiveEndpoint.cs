using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Receiver.Web.Files;
using Receiver.Web.Html;
using Receiver.Web.Metrics;

namespace Receiver.Web.Live;

/// <summary>GET /live?camera=NAME: server-sent "upload" events for committed uploads (all cameras, or one), as the gallery shows them.</summary>
internal static class LiveEndpoint
{
    public static async Task HandleAsync(HttpContext context, UploadFeed feed, CameraFiles files, IHostApplicationLifetime lifetime)
    {
        var camera = context.Request.Query["camera"].ToString();
        using var subscription = feed.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var events = await ServerSentEvents.StartAsync(context);
        await events.SendAsync("ready", "{}", stop.Token);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(TimeSpan.FromSeconds(20));
                try
                {
                    var upload = await subscription.Reader.ReadAsync(wait.Token);
                    if ((camera.Length == 0 || upload.Camera == camera)
                        && files.Describe(upload.Camera, upload.FinalPath, upload.Size, DateTimeOffset.UtcNow) is { } file)
                    {
                        await events.SendAsync("upload", Json(file), stop.Token);
                    }
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await events.KeepAliveAsync(stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left or the receiver stops.
        }
    }

    private static string Json(DayFile file) => JsonText.Object(json =>
    {
        json.WriteString("camera", file.Camera);
        json.WriteString("day", file.Day);
        json.WriteString("path", file.RelativePath);
        json.WriteString("name", file.Name);
        json.WriteNumber("size", file.Size);
        json.WriteString("kind", UploadKind.Of(file.Name));
        json.WriteBoolean("plays", UploadKind.PlaysInBrowser(file.Name));
        json.WriteString("time", file.Modified.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("file", "/files/" + file.UrlPath);
        json.WriteString("thumb", "/thumbs/" + file.UrlPath);
    });
}
