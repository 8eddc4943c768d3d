using System.Net.Http.Headers;
using System.Globalization;
using Receiver.Events.Delivery;

namespace Receiver.Events.Webhooks;

/// <summary>POSTs the event JSON signed as Standard Webhooks do; each attempt is signed afresh with its own timestamp.</summary>
public sealed class WebhookSink : IEventSink, IDisposable
{
    private readonly WebhookOptions _options;
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = HttpStatus.CreateClient();

    public WebhookSink(string name, WebhookOptions options, TimeProvider time)
    {
        Name = name;
        _options = options;
        _time = time;
        if (!WebhookSignature.TryParseSecret(options.Secret, out _key))
        {
            throw new ArgumentException($"{name}: the secret is not whsec_<base64>.");
        }

        Filter = new EventFilter(options.Filter);
    }

    public string Name { get; }

    public TimeSpan? MaxAge => _options.MaxAge;

    public EventFilter Filter { get; }

    public async Task DeliverAsync(UploadEvent e, CancellationToken cancellationToken)
    {
        var body = EventJson.Serialize(e);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", e.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(_key, e.Id, timestamp, body));
        using var response = await HttpStatus.SendAsync(_http, request, _options.TimeoutSeconds, Name, cancellationToken).ConfigureAwait(false);
        HttpStatus.Check(response, Name);
    }

    public void Dispose() => _http.Dispose();
}
