using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Receiver.Testing;

/// <summary>
/// A logger that keeps what was logged (level, message, exception) for a test to assert the line a user would read.
/// Linked into the test projects that check a component's log.
/// </summary>
internal class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception), exception));
}

/// <summary>The recording logger where a component asks for its own category.</summary>
internal sealed class RecordingLogger<T> : RecordingLogger, ILogger<T>;
