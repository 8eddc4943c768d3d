using System.Net;

namespace Receiver.Events.Tests.Support;

/// <summary>One request the test's HTTP receiver got.</summary>
internal sealed record CapturedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset Received);

/// <summary>
/// A small HTTP server on a free loopback port (HttpListener) that records every request and answers with the
/// status <see cref="Answer"/> picks: the test's webhook or ntfy receiver.
/// </summary>
internal sealed class HttpCapture : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<CapturedRequest> _requests = [];
    private readonly Task _loop;

    public HttpCapture(Func<int, HttpStatusCode>? answer = null)
    {
        Port = FreePort.Get();
        Answer = answer ?? (_ => HttpStatusCode.OK);
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Request number (from 1) → status to answer.</summary>
    public Func<int, HttpStatusCode> Answer { get; set; }

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            int number;
            lock (_requests)
            {
                _requests.Add(new CapturedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray(), DateTimeOffset.UtcNow));
                number = _requests.Count;
            }

            context.Response.StatusCode = (int)Answer(number);
            context.Response.Close();
        }
    }
}
