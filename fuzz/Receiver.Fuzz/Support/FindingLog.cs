using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Receiver.Fuzz.Support;

/// <summary>
/// A logger (and factory) that formats every entry, as a real sink would, and keeps the ones that mean a bug: an
/// entry at Error or above, or any entry carrying an exception. The servers catch everything at the session's edge
/// and only log it, so this is where a harness sees the exceptions the decoders did not expect.
/// </summary>
public sealed class FindingLog : ILogger, ILoggerFactory
{
    private readonly ConcurrentQueue<(string Message, Exception? Exception)> _findings = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        if (logLevel >= LogLevel.Error || exception is not null)
        {
            _findings.Enqueue(($"{logLevel}: {message}", exception));
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <summary>Throws the first finding logged since the last call (and forgets them all).</summary>
    public void ThrowIfAny()
    {
        if (_findings.TryDequeue(out var first))
        {
            _findings.Clear();
            throw new FuzzFindingException($"logged: {first.Message}", first.Exception);
        }
    }

    public void Dispose()
    {
    }
}
