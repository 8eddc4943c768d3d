namespace Receiver.Events.Tests;

/// <summary>Uploads are hashed as they arrive only where an event will carry the hash.</summary>
public sealed class HashUploadsTests
{
    [Fact]
    public void With_sha256_and_no_sink_nothing_is_hashed_and_any_sink_turns_it_on()
    {
        Assert.False(new EventsOptions().HashUploads);
        Assert.True(new EventsOptions { Mqtt = new MqttOptions { Url = "mqtt://127.0.0.1:1883" } }.HashUploads);
        Assert.True(new EventsOptions { Webhooks = [new WebhookOptions { Url = "http://127.0.0.1:9/hook" }] }.HashUploads);
        Assert.False(new EventsOptions { Hash = "none", Mqtt = new MqttOptions { Url = "mqtt://127.0.0.1:1883" } }.HashUploads);
    }
}
