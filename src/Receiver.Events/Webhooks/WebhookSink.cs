using System.Net.Http.Headers;
using System.Globalization;

namespace Receiver.Events.Webhooks;

/// <summary>POSTs the event JSON signed as Standard Webhooks do; each attempt is signed afresh with its own timestamp.</summary>
public sealed class WebhookSink : HttpSink
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public WebhookSink(string name, WebhookOptions options, TimeProvider time)
        : base(name, options)
    {
        _time = time;
        if (!WebhookSignature.TryParseSecret(options.Secret, out _key))
        {
            throw new ArgumentException($"{name}: the secret is not whsec_<base64>.");
        }
    }

    public override async Task DeliverAsync(UploadEvent e, CancellationToken cancellationToken)
    {
        var body = EventJson.Serialize(e);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.Url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", e.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(_key, e.Id, timestamp, body));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        HttpStatus.Check(response, Name);
    }
}
