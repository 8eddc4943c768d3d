using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Receiver.Testing;

/// <summary>One message a subscriber received.</summary>
internal sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retained)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// An MQTTnet subscriber to "#" that records everything, the independent judge of what the receiver published.
/// With <c>persistentSession</c> it keeps a session across broker restarts (QoS 1 messages wait for it) and
/// reconnects by itself.
/// </summary>
internal sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly MqttClientOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _filter;
    private Task? _reconnect;

    private MqttRecorder(int port, string filter, bool persistentSession)
    {
        _filter = filter;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("recorder-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(!persistentSession)
            .WithSessionExpiryInterval(persistentSession ? 3600u : 0u)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_messages)
            {
                _messages.Add(new ReceivedMessage(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain));
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public static async Task<MqttRecorder> StartAsync(int port, string filter = "#", bool persistentSession = false)
    {
        var recorder = new MqttRecorder(port, filter, persistentSession);
        var result = await recorder._client.ConnectAsync(recorder._options);
        await recorder._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        if (persistentSession)
        {
            recorder._reconnect = recorder.KeepConnectedAsync();
        }

        return recorder;
    }

    public IReadOnlyList<ReceivedMessage> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    /// <summary>Waits until a message matches; fails with what arrived instead.</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No MQTT message: {what}. Received:\n{string.Join('\n', Messages.Select(m => $"{m.Topic} retain={m.Retained} {(m.Payload.Length > 200 ? m.Payload.Length + " bytes" : m.Text)}"))}");
    }

    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reconnect is not null)
        {
            await _reconnect.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(100, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_client.IsConnected || _stop.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                var result = await _client.ConnectAsync(_options, _stop.Token);
                if (!result.IsSessionPresent)
                {
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The broker is down: try again.
            }
        }
    }
}
