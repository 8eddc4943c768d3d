using System.Text;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Receiver.Events.Delivery;

namespace Receiver.Events.Mqtt;

/// <summary>
/// MQTT (MQTTnet): the event JSON per camera, the retained snapshot / last_upload / problem, the status topic with
/// its last will, and Home Assistant discovery. <see cref="RunAsync"/> keeps the connection: it reconnects with a
/// growing wait, announces every camera on each (re)connect and when Home Assistant says it is online again, and
/// clears the retained topics of a camera whose account is gone. A broker that is down or hangs only delays events.
/// </summary>
public sealed class MqttSink : IEventSink, IAsyncDisposable
{
    private static readonly TimeSpan PacketTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CameraCheckInterval = TimeSpan.FromSeconds(2);

    private readonly MqttOptions _options;
    private readonly MqttAddress _address;
    private readonly MqttTopics _topics;
    private readonly string _dataRoot;
    private readonly ICameraCatalog _catalog;
    private readonly RetainedStateFile _stateFile;
    private readonly Dictionary<string, CameraRetainedState> _state;
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private readonly string _version;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxRetry;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private volatile bool _republish;
    private TaskCompletionSource _nextConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MqttSink(MqttOptions options, string dataRoot, string stateFolder, ICameraCatalog catalog, string version, TimeProvider time, TimeSpan maxRetry, ILogger logger)
    {
        _options = options;
        if (!MqttAddress.TryParse(options.Url, out _address))
        {
            throw new ArgumentException($"Events:Mqtt:Url is not an MQTT URL: '{options.Url}'.");
        }

        _topics = new MqttTopics(options.TopicPrefix, options.DiscoveryPrefix);
        _dataRoot = dataRoot;
        _catalog = catalog;
        _stateFile = new RetainedStateFile(Path.Combine(stateFolder, "mqtt-retained.json"));
        _state = _stateFile.Load();
        _version = version;
        _time = time;
        _maxRetry = maxRetry;
        _logger = logger;
        Filter = new EventFilter(options.Filter);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public string Name => "mqtt";

    public TimeSpan? MaxAge => _options.MaxAgeMinutes > 0 ? TimeSpan.FromMinutes(_options.MaxAgeMinutes) : null;

    public EventFilter Filter { get; }

    public MqttTopics Topics => _topics;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Keeps the connection until <paramref name="cancellationToken"/> ends; then says offline and disconnects.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }

                if (_republish)
                {
                    _republish = false;
                    Announced(clear: true);
                }

                await SyncCamerasAsync(cancellationToken).ConfigureAwait(false);
                await WaitAsync(CameraCheckInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(_maxRetry.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 20))));
                if (failures == 1 || failures % 20 == 0)
                {
                    EventsLog.MqttUnreachable(_logger, _address.ToString(), ex.Message, (int)wait.TotalSeconds);
                }

                try
                {
                    await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await GoOfflineAsync().ConfigureAwait(false);
    }

    public async Task DeliverAsync(UploadEvent e, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException($"not connected to the MQTT broker {_address}");
        }

        var known = _catalog.Find(e.Camera) is not null;
        if (known && _options.Discovery && !Announced().Contains(e.Camera))
        {
            await AnnounceAsync(e.Camera, cancellationToken).ConfigureAwait(false);
        }

        await PublishAsync(_topics.Event(e.Camera), EventJson.Serialize(e), retain: false, cancellationToken).ConfigureAwait(false);
        if (!known)
        {
            return;
        }

        var state = StateOf(e.Camera);
        if (EventTypes.IsUpload(e.EventType))
        {
            state.LastUpload = e.Time;
            await PublishLastUploadAsync(e.Camera, state, cancellationToken).ConfigureAwait(false);
            if (e.EventType is EventTypes.Snapshot or EventTypes.Test && await PublishSnapshotAsync(e.Camera, e.Path, cancellationToken).ConfigureAwait(false))
            {
                state.SnapshotPath = e.Path;
            }

            if (state.Problem)
            {
                state.Problem = false;
                await PublishProblemAsync(e.Camera, state, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (e.EventType == EventTypes.Quiet)
        {
            state.Problem = true;
            await PublishProblemAsync(e.Camera, state, cancellationToken).ConfigureAwait(false);
        }

        SaveState();
    }

    /// <summary>While disconnected: the next successful connect; a delivery waiting to retry goes at once.</summary>
    public Task WaitForRecoveryAsync(CancellationToken cancellationToken) =>
        _client.IsConnected ? Task.Delay(Timeout.Infinite, cancellationToken) : Volatile.Read(ref _nextConnect).Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await GoOfflineAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_address.Host, _address.Port)
            .WithClientId($"{_topics.DeviceId("receiver")}-{Environment.ProcessId}")
            .WithProtocolVersion(_options.ProtocolVersion == "3.1.1" ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithCleanSession()
            .WithTimeout(PacketTimeout)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithWillTopic(_topics.Status)
            .WithWillPayload("offline"u8.ToArray())
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Username.Length > 0)
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_address.Tls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PacketTimeout);
        try
        {
            await _client.ConnectAsync(builder.Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer from {_address} within {PacketTimeout.TotalSeconds:0} s");
        }

        EventsLog.MqttConnected(_logger, _address.ToString(), _options.ProtocolVersion);
        Announced(clear: true);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_topics.HomeAssistantStatus).Build(), cancellationToken).ConfigureAwait(false);
        await PublishAsync(_topics.Status, "online"u8.ToArray(), retain: true, cancellationToken).ConfigureAwait(false);
        Volatile.Read(ref _nextConnect).TrySetResult();
    }

    /// <summary>Announces cameras not yet announced on this connection and clears the ones whose account is gone.</summary>
    private async Task SyncCamerasAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        var current = _catalog.List().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var announced = Announced();
        foreach (var camera in current.Where(c => !announced.Contains(c)))
        {
            await AnnounceAsync(camera, cancellationToken).ConfigureAwait(false);
        }

        string[] known;
        lock (_state)
        {
            known = [.. _state.Keys];
        }

        foreach (var removed in known.Where(c => !current.Contains(c)))
        {
            await ClearAsync(removed, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnnounceAsync(string camera, CancellationToken cancellationToken)
    {
        var state = StateOf(camera);
        if (_options.Discovery)
        {
            var config = HomeAssistantDiscovery.Build(_topics, camera, _version, _options.MotionOffDelaySeconds);
            await PublishAsync(_topics.Discovery(camera), config, retain: true, cancellationToken).ConfigureAwait(false);
        }

        await PublishLastUploadAsync(camera, state, cancellationToken).ConfigureAwait(false);
        await PublishSnapshotAsync(camera, state.SnapshotPath, cancellationToken).ConfigureAwait(false);
        await PublishProblemAsync(camera, state, cancellationToken).ConfigureAwait(false);
        lock (_state)
        {
            _announced.Add(camera);
        }

        SaveState();
    }

    private async Task ClearAsync(string camera, CancellationToken cancellationToken)
    {
        // An empty retained message deletes the retained one: Home Assistant removes the device.
        foreach (var topic in new[] { _topics.Discovery(camera), _topics.Snapshot(camera), _topics.LastUpload(camera), _topics.Problem(camera) })
        {
            await PublishAsync(topic, [], retain: true, cancellationToken).ConfigureAwait(false);
        }

        lock (_state)
        {
            _state.Remove(camera);
            _announced.Remove(camera);
        }

        SaveState();
        EventsLog.CameraCleared(_logger, camera);
    }

    private Task PublishLastUploadAsync(string camera, CameraRetainedState state, CancellationToken cancellationToken) =>
        state.LastUpload is { } last
            ? PublishAsync(_topics.LastUpload(camera), Encoding.UTF8.GetBytes(last.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), retain: true, cancellationToken)
            : Task.CompletedTask;

    private Task PublishProblemAsync(string camera, CameraRetainedState state, CancellationToken cancellationToken) =>
        PublishAsync(_topics.Problem(camera), state.Problem ? "ON"u8.ToArray() : "OFF"u8.ToArray(), retain: true, cancellationToken);

    /// <returns>True when the picture was published (it exists and is within Events:Mqtt:MaxImageKilobytes).</returns>
    private async Task<bool> PublishSnapshotAsync(string camera, string? relativePath, CancellationToken cancellationToken)
    {
        if (relativePath is null)
        {
            return false;
        }

        var file = new FileInfo(Path.Combine(_dataRoot, relativePath));
        if (!file.Exists || file.Length > _options.MaxImageKilobytes * 1024L)
        {
            return false;
        }

        var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        await PublishAsync(_topics.Snapshot(camera), bytes, retain: true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PacketTimeout);
        await _publishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the broker refused {topic}: {result.ReasonCode} {result.ReasonString}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the broker did not acknowledge {topic} within {PacketTimeout.TotalSeconds:0} s");
        }
        finally
        {
            _publishGate.Release();
        }
    }

    /// <summary>The cameras announced on this connection (a copy: the delivery and connection loops both use it).</summary>
    private HashSet<string> Announced(bool clear = false)
    {
        lock (_state)
        {
            if (clear)
            {
                _announced.Clear();
            }

            return [.. _announced];
        }
    }

    private CameraRetainedState StateOf(string camera)
    {
        lock (_state)
        {
            if (!_state.TryGetValue(camera, out var state))
            {
                _state[camera] = state = new CameraRetainedState();
            }

            return state;
        }
    }

    private void SaveState()
    {
        lock (_state)
        {
            _stateFile.Save(_state);
        }
    }

    private async Task GoOfflineAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            // A clean disconnect does not fire the last will, so say it ourselves.
            await PublishAsync(_topics.Status, "offline"u8.ToArray(), retain: true, timeout.Token).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Stopping anyway: the broker publishes the last will when the connection drops.
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic == _topics.HomeAssistantStatus
            && Encoding.UTF8.GetString(e.ApplicationMessage.Payload).Trim().Equals("online", StringComparison.OrdinalIgnoreCase))
        {
            // Home Assistant restarted: it forgot the non-retained state, so announce everything again.
            _republish = true;
            Wake();
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected)
        {
            EventsLog.MqttLost(_logger, _address.ToString(), e.Exception?.Message ?? e.Reason.ToString());
        }

        if (_nextConnect.Task.IsCompleted)
        {
            Volatile.Write(ref _nextConnect, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        // A lost connection is tried again at once. A connect that failed raises this too: waking then would cut
        // the backoff short and hammer a broker that is down (thousands of tries a second).
        if (e.ClientWasConnected)
        {
            Wake();
        }

        return Task.CompletedTask;
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await _wake.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
    }
}
