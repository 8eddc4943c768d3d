using System.Text.Json;
using Microsoft.Extensions.Logging;
using Receiver.Events.Outbox;

namespace Receiver.Events.Quiet;

/// <summary>
/// Raises a "quiet" event (problem ON) when a camera with a quiet-after setting has not uploaded for that long,
/// once per quiet spell; the camera's next upload ends it (the sinks turn problem OFF). Last-upload times are kept
/// in a small file, saved on each check, so a restart neither forgets a quiet camera nor raises a false alarm.
/// </summary>
public sealed class QuietMonitor : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly EventOutbox _outbox;
    private readonly ICameraCatalog _catalog;
    private readonly int _defaultHours;
    private readonly string _statePath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastUpload;
    private readonly HashSet<string> _quiet = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private bool _dirty;

    public QuietMonitor(EventOutbox outbox, ICameraCatalog catalog, int defaultHours, string stateFolder, TimeProvider time, ILogger logger)
    {
        _outbox = outbox;
        _catalog = catalog;
        _defaultHours = defaultHours;
        _statePath = Path.Combine(stateFolder, "quiet-state.json");
        _time = time;
        _logger = logger;
        _lastUpload = Load(_statePath, out var quiet);
        _quiet.UnionWith(quiet);
    }

    /// <summary>The cameras quiet right now, as the running service last saved them (for --list-cameras).</summary>
    public static IReadOnlySet<string> QuietCameras(string stateFolder)
    {
        Load(Path.Combine(stateFolder, "quiet-state.json"), out var quiet);
        return quiet;
    }

    public void Start()
    {
        _outbox.Appended += OnAppended;
        _timer = _time.CreateTimer(_ => Check(), null, CheckInterval, CheckInterval);
    }

    /// <summary>Looks at every camera once (the timer calls it every minute).</summary>
    public void Check()
    {
        var now = _time.GetLocalNow();
        var raise = new List<(string Camera, int Hours, DateTimeOffset Since)>();
        lock (_gate)
        {
            foreach (var camera in _catalog.List())
            {
                var hours = camera.QuietAfterHours ?? _defaultHours;
                if (!_lastUpload.TryGetValue(camera.Name, out var last))
                {
                    // Never seen: count from now, not from the epoch.
                    _lastUpload[camera.Name] = now;
                    _dirty = true;
                    continue;
                }

                if (hours > 0 && !_quiet.Contains(camera.Name) && now - last >= TimeSpan.FromHours(hours))
                {
                    _quiet.Add(camera.Name);
                    _dirty = true;
                    raise.Add((camera.Name, hours, last));
                }
            }

            SaveIfDirty();
        }

        foreach (var (camera, hours, since) in raise)
        {
            EventsLog.CameraQuiet(_logger, camera, hours);
            _outbox.Append(new UploadEvent
            {
                Id = UploadEvent.NewId(),
                EventType = EventTypes.Quiet,
                Camera = camera,
                Time = now,
                QuietHours = hours,
                Motion = false,
            });
        }
    }

    public bool IsQuiet(string camera)
    {
        lock (_gate)
        {
            return _quiet.Contains(camera);
        }
    }

    public void Dispose()
    {
        _outbox.Appended -= OnAppended;
        _timer?.Dispose();
        lock (_gate)
        {
            SaveIfDirty();
        }
    }

    private void OnAppended(UploadEvent e)
    {
        if (!EventTypes.IsUpload(e.EventType))
        {
            return;
        }

        lock (_gate)
        {
            _lastUpload[e.Camera] = e.Time;
            _quiet.Remove(e.Camera);
            _dirty = true;
        }
    }

    private void SaveIfDirty()
    {
        if (!_dirty)
        {
            return;
        }

        var document = _lastUpload.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var camera in _quiet)
        {
            // Quiet cameras are kept under a marked key: one flat, source-generated dictionary on disk.
            document["!" + camera] = document.GetValueOrDefault(camera);
        }

        var temp = _statePath + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(document, EventJsonContext.Default.DictionaryStringDateTimeOffset));
        File.Move(temp, _statePath, overwrite: true);
        _dirty = false;
    }

    private static Dictionary<string, DateTimeOffset> Load(string path, out HashSet<string> quiet)
    {
        quiet = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(path), EventJsonContext.Default.DictionaryStringDateTimeOffset) ?? [];
            foreach (var (key, value) in document)
            {
                if (key.StartsWith('!'))
                {
                    quiet.Add(key[1..]);
                }
                else
                {
                    result[key] = value;
                }
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
        }

        return result;
    }
}
