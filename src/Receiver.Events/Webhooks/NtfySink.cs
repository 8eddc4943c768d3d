using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Receiver.Events.Webhooks;

/// <summary>
/// ntfy: PUTs the snapshot itself to the topic URL (a phone notification with the picture), with Filename, Title
/// and, with a token, Authorization: Bearer. A clip over the attachment limit, and every other event, goes as text.
/// </summary>
public sealed class NtfySink(string name, WebhookOptions options, string dataRoot) : HttpSink(name, options)
{
    public override async Task DeliverAsync(UploadEvent e, CancellationToken cancellationToken)
    {
        var file = e.Path is null ? null : new FileInfo(Path.Combine(dataRoot, e.Path));
        var attach = file is { Exists: true }
            && e.EventType is EventTypes.Snapshot or EventTypes.Test or EventTypes.Clip
            && file.Length <= Options.MaxAttachmentKilobytes * 1024L;
        if (attach)
        {
            var status = await NotifyAsync(e, await File.ReadAllBytesAsync(file!.FullName, cancellationToken).ConfigureAwait(false), file.Name, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.RequestEntityTooLarge)
            {
                return;
            }
        }

        await NotifyAsync(e, Encoding.UTF8.GetBytes(TextOf(e, file)), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpStatusCode> NotifyAsync(UploadEvent e, byte[] body, string? fileName, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Options.Url) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("Title", Ascii(TitleOf(e)));
        if (fileName is not null)
        {
            request.Headers.TryAddWithoutValidation("Filename", Ascii(fileName));
            request.Headers.TryAddWithoutValidation("Message", Ascii(TextOf(e, null)));
        }
        else
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        }

        if (e.EventType == EventTypes.Quiet)
        {
            request.Headers.TryAddWithoutValidation("Priority", "high");
        }

        if (!string.IsNullOrEmpty(Options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (fileName is null || response.StatusCode != HttpStatusCode.RequestEntityTooLarge)
        {
            HttpStatus.Check(response, Name);
        }

        return response.StatusCode;
    }

    private static string TitleOf(UploadEvent e) => e.EventType switch
    {
        EventTypes.Snapshot when e.Motion => $"{e.Camera}: motion",
        EventTypes.Clip => $"{e.Camera}: clip",
        EventTypes.Test => $"{e.Camera}: test upload",
        EventTypes.Quiet => $"{e.Camera}: no uploads",
        _ => $"{e.Camera}: {e.EventType}",
    };

    private static string TextOf(UploadEvent e, FileInfo? tooLarge)
    {
        var at = e.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (e.EventType == EventTypes.Quiet)
        {
            return $"No upload from {e.Camera} for {e.QuietHours} hours (since before {at}).";
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"{(e.Size ?? 0) / 1048576.0:0.0} MB");
        return tooLarge is { Exists: true }
            ? $"{e.EventType} {e.Path} ({size}) at {at}; too large to attach"
            : $"{e.EventType} {e.Path} ({size}) at {at}";
    }

    /// <summary>HTTP headers carry ASCII; a camera's odd file name must not break the request.</summary>
    private static string Ascii(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '_')]);
}
