namespace Receiver.Events;

/// <summary>Section "Events": the outbox and its sinks.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>"sha256" (hash as bytes arrive) or "none".</summary>
    public string Hash { get; set; } = "sha256";

    /// <summary>Undelivered events kept at most; beyond it the oldest are dropped with a warning.</summary>
    public int MaxQueuedMegabytes { get; set; } = 16;

    /// <summary>Default for cameras without their own --quiet-after-hours; 0 = never.</summary>
    public int QuietAfterHours { get; set; }

    /// <summary>Longest wait between two delivery attempts (the wait doubles from one second up to this).</summary>
    public int MaxRetrySeconds { get; set; } = 300;

    public MqttOptions Mqtt { get; set; } = new();

    public List<WebhookOptions> Webhooks { get; set; } = [];

    public bool HashEnabled => Hash.Equals("sha256", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Uploads are hashed as they arrive only where an event will carry the hash: with "sha256" and a sink
    /// (MQTT, a webhook, ntfy). Without one no event is queued, and the hash would cost about 0.7 CPU s/GB for nothing.
    /// </summary>
    public bool HashUploads => HashEnabled && (Mqtt.Enabled || Webhooks.Count > 0);
}

/// <summary>Section "Events:Mqtt"; an empty Url turns MQTT off.</summary>
public sealed class MqttOptions
{
    /// <summary>mqtt://host:1883 or mqtts://host:8883.</summary>
    public string Url { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>"5" or "3.1.1".</summary>
    public string ProtocolVersion { get; set; } = "5";

    public string TopicPrefix { get; set; } = "receiver";

    /// <summary>Home Assistant MQTT discovery.</summary>
    public bool Discovery { get; set; } = true;

    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Snapshots larger than this are not published to the retained snapshot topic.</summary>
    public int MaxImageKilobytes { get; set; } = 1024;

    /// <summary>Events older than this are skipped; 0 = unlimited.</summary>
    public int MaxAgeMinutes { get; set; }

    /// <summary>Motion binary sensor: seconds until it turns off again.</summary>
    public int MotionOffDelaySeconds { get; set; } = 60;

    /// <summary>Event types per camera ("*" = every camera), e.g. { "*": "snapshot,clip" }; empty = all.</summary>
    public Dictionary<string, string> Filter { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

/// <summary>One entry of "Events:Webhooks": a Standard Webhooks POST, or an ntfy topic.</summary>
public sealed class WebhookOptions
{
    public string Url { get; set; } = "";

    /// <summary>"standard" (signed JSON POST) or "ntfy" (the picture PUT to a topic).</summary>
    public string Format { get; set; } = "standard";

    /// <summary>Standard Webhooks secret, whsec_&lt;base64&gt;.</summary>
    public string Secret { get; set; } = "";

    /// <summary>ntfy access token (Authorization: Bearer).</summary>
    public string Token { get; set; } = "";

    /// <summary>Null: unlimited for standard, 30 for ntfy; 0 = unlimited.</summary>
    public int? MaxAgeMinutes { get; set; }

    /// <summary>ntfy: clips larger than this go as a text notification (the server's attachment limit).</summary>
    public int MaxAttachmentKilobytes { get; set; } = 15 * 1024;

    public int TimeoutSeconds { get; set; } = 15;

    public Dictionary<string, string> Filter { get; set; } = [];

    public bool IsNtfy => Format.Equals("ntfy", StringComparison.OrdinalIgnoreCase);

    public TimeSpan? MaxAge => (MaxAgeMinutes ?? (IsNtfy ? 30 : 0)) is var m && m > 0 ? TimeSpan.FromMinutes(m) : null;
}
