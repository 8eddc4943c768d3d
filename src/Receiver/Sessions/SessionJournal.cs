using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Storage;

namespace Receiver.Sessions;

/// <summary>
/// Receives every protocol session event: logs it, and appends it to a small JSON-lines journal under
/// Storage:Root so that a one-shot run (enrollment) can tell what the service saw of a camera's attempt.
/// Protocol threads never wait on the disk: events go through a bounded queue that drops when full.
/// </summary>
public sealed class SessionJournal : BackgroundService, ISessionEventSink
{
    private const long MaxJournalBytes = 2 * 1024 * 1024;

    private readonly DataPaths _paths;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionJournal> _logger;
    private readonly Channel<SessionRecord> _queue = Channel.CreateBounded<SessionRecord>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public SessionJournal(DataPaths paths, TimeProvider time, ILogger<SessionJournal> logger)
    {
        _paths = paths;
        _time = time;
        _logger = logger;
    }

    public void Publish(SessionEvent e)
    {
        var level = e.Kind switch
        {
            SessionEventKind.NegotiationFailed or SessionEventKind.UploadFailed or SessionEventKind.Refused => LogLevel.Warning,
            // A login is logged once, by CameraAuthenticator; the journal keeps its record.
            SessionEventKind.Connected or SessionEventKind.Closed or SessionEventKind.LoginSucceeded or SessionEventKind.LoginFailed => LogLevel.Debug,
            // Storage's commit writes the upload's one Information line (with its event); the journal keeps the record.
            SessionEventKind.UploadCompleted => LogLevel.Debug,
            _ => LogLevel.Information,
        };
        _logger.Log(level, "{Protocol} session {SessionId} from {RemoteEndPoint} {Kind} {Camera}: {Detail}",
            e.Protocol.Name(), e.SessionId, e.RemoteEndPoint, e.Kind, e.User, e.Detail);
        _queue.Writer.TryWrite(SessionRecord.From(e, _time.GetUtcNow()));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Drain();
            }
        }
        catch (OperationCanceledException)
        {
            Drain();
        }
    }

    private void Drain()
    {
        try
        {
            RotateIfLarge();
            using var writer = new StreamWriter(_paths.SessionLogFile, append: true);
            while (_queue.Reader.TryRead(out var record))
            {
                writer.WriteLine(JsonSerializer.Serialize(record, SessionRecord.Json.SessionRecord));
            }
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not write the session journal {Path}", _paths.SessionLogFile);
        }
    }

    private void RotateIfLarge()
    {
        var info = new FileInfo(_paths.SessionLogFile);
        if (info.Exists && info.Length > MaxJournalBytes)
        {
            File.Move(info.FullName, info.FullName + ".1", overwrite: true);
        }
    }
}
