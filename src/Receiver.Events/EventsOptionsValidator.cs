using Microsoft.Extensions.Options;
using Receiver.Events.Mqtt;
using Receiver.Events.Webhooks;

namespace Receiver.Events;

/// <summary>Checks the Events section at start; each failure names its key. Reachability is not checked: a down broker is retried.</summary>
public sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions o)
    {
        var errors = new List<string>();
        if (!o.Hash.Equals("sha256", StringComparison.OrdinalIgnoreCase) && !o.Hash.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Events:Hash must be 'sha256' or 'none' (was '{o.Hash}').");
        }

        Range(errors, "Events:MaxQueuedMegabytes", o.MaxQueuedMegabytes, 1, 4096);
        Range(errors, "Events:QuietAfterHours", o.QuietAfterHours, 0, 24 * 365);
        Range(errors, "Events:MaxRetrySeconds", o.MaxRetrySeconds, 1, 86400);
        ValidateMqtt(errors, o.Mqtt);
        for (var i = 0; i < o.Webhooks.Count; i++)
        {
            ValidateWebhook(errors, $"Events:Webhooks:{i}", o.Webhooks[i]);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateMqtt(List<string> errors, MqttOptions m)
    {
        if (m.Enabled && !MqttAddress.TryParse(m.Url, out _))
        {
            errors.Add($"Events:Mqtt:Url must be mqtt://host[:port] or mqtts://host[:port] (was '{m.Url}').");
        }

        if (m.ProtocolVersion is not ("5" or "3.1.1"))
        {
            errors.Add($"Events:Mqtt:ProtocolVersion must be '5' or '3.1.1' (was '{m.ProtocolVersion}').");
        }

        if (!ValidTopicPart(m.TopicPrefix))
        {
            errors.Add($"Events:Mqtt:TopicPrefix must be a non-empty topic without '+', '#' or a leading/trailing '/' (was '{m.TopicPrefix}').");
        }

        if (!ValidTopicPart(m.DiscoveryPrefix))
        {
            errors.Add($"Events:Mqtt:DiscoveryPrefix must be a non-empty topic without '+', '#' or a leading/trailing '/' (was '{m.DiscoveryPrefix}').");
        }

        Range(errors, "Events:Mqtt:MaxImageKilobytes", m.MaxImageKilobytes, 0, 256 * 1024);
        Range(errors, "Events:Mqtt:MaxAgeMinutes", m.MaxAgeMinutes, 0, 525600);
        Range(errors, "Events:Mqtt:MotionOffDelaySeconds", m.MotionOffDelaySeconds, 1, 86400);
        ValidateFilter(errors, "Events:Mqtt:Filter", m.Filter);
    }

    private static void ValidateWebhook(List<string> errors, string key, WebhookOptions w)
    {
        if (!Uri.TryCreate(w.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key}:Url must be an http:// or https:// URL (was '{w.Url}').");
        }

        if (!w.Format.Equals("standard", StringComparison.OrdinalIgnoreCase) && !w.IsNtfy)
        {
            errors.Add($"{key}:Format must be 'standard' or 'ntfy' (was '{w.Format}').");
        }

        if (!w.IsNtfy && !WebhookSignature.TryParseSecret(w.Secret, out _))
        {
            errors.Add($"{key}:Secret must be a Standard Webhooks secret 'whsec_<base64>' of at least 24 bytes.");
        }

        if (w.MaxAgeMinutes is { } age)
        {
            Range(errors, $"{key}:MaxAgeMinutes", age, 0, 525600);
        }

        Range(errors, $"{key}:MaxAttachmentKilobytes", w.MaxAttachmentKilobytes, 1, 1024 * 1024);
        Range(errors, $"{key}:TimeoutSeconds", w.TimeoutSeconds, 1, 600);
        ValidateFilter(errors, $"{key}:Filter", w.Filter);
    }

    private static void ValidateFilter(List<string> errors, string key, Dictionary<string, string> filter)
    {
        foreach (var (camera, list) in filter)
        {
            foreach (var type in EventFilter.Split(list))
            {
                if (!EventTypes.All.Contains(type))
                {
                    errors.Add($"{key}:{camera} lists unknown event type '{type}' (use {string.Join(", ", EventTypes.All)}).");
                }
            }
        }
    }

    private static bool ValidTopicPart(string topic) =>
        !string.IsNullOrWhiteSpace(topic) && topic.IndexOfAny(['+', '#']) < 0 && !topic.StartsWith('/') && !topic.EndsWith('/');

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }
}
