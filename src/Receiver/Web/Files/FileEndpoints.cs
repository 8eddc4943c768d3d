using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Receiver.Web.Metrics;
using Receiver.Web.Thumbnails;

namespace Receiver.Web.Files;

/// <summary>
/// GET /files/{camera}/{day}/{path} (the file itself, with HTTP range requests so clips can seek) and
/// GET /thumbs/{camera}/{day}/{path}. Both go through <see cref="CameraFiles.Resolve"/>; nothing else under the data
/// folder is served, and there is no directory listing.
/// </summary>
internal static class FileEndpoints
{
    private const string NoPreview = """<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#2b2f36"/><text x="160" y="96" font-family="sans-serif" font-size="20" fill="#aab" text-anchor="middle">LABEL</text></svg>""";

    public static IResult File(string camera, string day, string path, HttpContext context, CameraFiles files)
    {
        if (files.Resolve(camera, day, path) is not { } full)
        {
            return Results.NotFound();
        }

        var name = Path.GetFileName(full);
        var kind = UploadKind.Of(name);
        if (kind == UploadKind.Clip && !UploadKind.PlaysInBrowser(name))
        {
            // AVI and raw H.264/H.265: a browser cannot play them, so they download under their own name.
            context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
        }

        return Results.File(full, ContentType(name), enableRangeProcessing: true, lastModified: System.IO.File.GetLastWriteTimeUtc(full));
    }

    public static async Task<IResult> ThumbnailAsync(string camera, string day, string path, HttpContext context, CameraFiles files, ThumbnailCache thumbnails)
    {
        if (files.Resolve(camera, day, path) is not { } full)
        {
            return Results.NotFound();
        }

        var file = new DayFile(camera, day, Uri.UnescapeDataString(path), 0, default);
        var thumb = await thumbnails.GetAsync(file, full, context.RequestAborted);
        context.Response.Headers.CacheControl = "private, max-age=86400";
        if (thumb is null)
        {
            var label = UploadKind.Of(full) == UploadKind.Clip ? "▶ clip" : "no preview";
            return Results.Bytes(System.Text.Encoding.UTF8.GetBytes(NoPreview.Replace("LABEL", label, StringComparison.Ordinal)), "image/svg+xml");
        }

        return Results.File(thumb, "image/jpeg");
    }

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".mp4" => "video/mp4",
        ".mov" => "video/quicktime",
        ".avi" => "video/x-msvideo",
        ".mkv" => "video/x-matroska",
        ".txt" or ".log" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
