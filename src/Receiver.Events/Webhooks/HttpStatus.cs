using System.Net;
using Receiver.Events.Delivery;

namespace Receiver.Events.Webhooks;

/// <summary>How a webhook's answer decides the retry: 2xx done, 408/429/5xx again later, other 4xx never.</summary>
internal static class HttpStatus
{
    public static void Check(HttpResponseMessage response, string sink)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300)
        {
            return;
        }

        if (code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
        {
            throw new PermanentDeliveryException($"{sink} answered {code} {response.ReasonPhrase}");
        }

        throw new HttpRequestException($"{sink} answered {code} {response.ReasonPhrase}", null, response.StatusCode);
    }

    /// <summary>Sends with a per-attempt timeout, so an endpoint that accepts and never answers is retried later.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, int timeoutSeconds, string sink, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            return await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{sink} did not answer within {timeoutSeconds} s");
        }
    }

    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
