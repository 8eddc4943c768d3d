namespace Receiver.Events.Mqtt;

/// <summary>Events:Mqtt:Url parsed: mqtt://host[:1883] or mqtts://host[:8883].</summary>
public sealed record MqttAddress(string Host, int Port, bool Tls)
{
    public static bool TryParse(string? url, out MqttAddress address)
    {
        address = new MqttAddress("", 0, false);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath is not ("" or "/"))
        {
            return false;
        }

        var tls = uri.Scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => (bool?)null,
        };
        if (tls is null)
        {
            return false;
        }

        address = new MqttAddress(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? (tls.Value ? 8883 : 1883) : uri.Port, tls.Value);
        return true;
    }

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
