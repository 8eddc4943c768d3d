using Receiver.Events.Delivery;

namespace Receiver.Events.Webhooks;

/// <summary>What a webhook and an ntfy topic share: one entry of Events:Webhooks, its filter, max age and HTTP client.</summary>
public abstract class HttpSink(string name, WebhookOptions options) : IEventSink, IDisposable
{
    public string Name { get; } = name;

    public TimeSpan? MaxAge => Options.MaxAge;

    public EventFilter Filter { get; } = new(options.Filter);

    protected WebhookOptions Options { get; } = options;

    protected HttpClient Http { get; } = HttpStatus.CreateClient();

    public abstract Task DeliverAsync(UploadEvent e, CancellationToken cancellationToken);

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends one attempt with the entry's timeout.</summary>
    protected Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        HttpStatus.SendAsync(Http, request, Options.TimeoutSeconds, Name, cancellationToken);
}
