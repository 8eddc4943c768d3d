using System.Globalization;
using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Camera;

public sealed partial class InstarCameraClient
{
    /// <summary>getftpaction&amp;type=…: one upload action.</summary>
    public async Task<FtpActionSettings> GetFtpActionAsync(FtpUploadType type, CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getftpaction", [new("type", type.WireName())], null, cancellationToken).ConfigureAwait(false);

        // Firmware answers either plain names or the indexed form of the all-types answer.
        var enable = r.Get("enable") ?? r.GetIndexed("enable", type.WireName());
        var interval = r.Get("interval") ?? r.GetIndexed("interval", type.WireName());
        return new FtpActionSettings(ParseFlag("enable", enable, r), ParseInt("interval", interval, r));
    }

    /// <summary>getftpaction without a type: all actions in one answer (<c>enable['rec']</c> …).</summary>
    public async Task<IReadOnlyDictionary<FtpUploadType, FtpActionSettings>> GetFtpActionsAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getftpaction", cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<FtpUploadType, FtpActionSettings>();
        foreach (var type in FtpUploadTypes.All)
        {
            var enable = r.GetIndexed("enable", type.WireName());
            if (enable is not null)
            {
                result[type] = new FtpActionSettings(ParseFlag("enable", enable, r), ParseInt("interval", r.GetIndexed("interval", type.WireName()), r));
            }
        }

        return result;
    }

    /// <summary>setftpaction: switch one upload action on or off with its cool-down (1–3600 s).</summary>
    public Task SetFtpActionAsync(FtpUploadType type, FtpActionSettings settings, CancellationToken cancellationToken = default) =>
        _cgi.SendAsync(
            "setftpaction",
            [
                new("type", type.WireName()),
                new("enable", CameraValueRules.Flag(settings.Enabled)),
                new("interval", CameraValueRules.Range("interval", settings.IntervalSeconds, 1, 3600)),
            ],
            null,
            cancellationToken);

    /// <summary>getftpactionattr: snapshots uploaded per alarm (1–10).</summary>
    public async Task<int> GetSnapshotCountAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getftpactionattr", cancellationToken).ConfigureAwait(false);
        return r.RequireInt("snapcount");
    }

    public Task SetSnapshotCountAsync(int snapshotCount, CancellationToken cancellationToken = default) =>
        _cgi.SendAsync("setftpactionattr", [new("snapcount", CameraValueRules.Range("snapcount", snapshotCount, 1, 10))], null, cancellationToken);

    public async Task<SnapshotScheduleSettings> GetSnapshotScheduleAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getsnapschedftpattr", cancellationToken).ConfigureAwait(false);
        return new SnapshotScheduleSettings(
            FixedFileName: CameraValueRules.ParseFlag(r, "mode"),
            UsePrefix: CameraValueRules.ParseFlag(r, "prefix"),
            Name: r.Get("name") ?? string.Empty,
            Enabled: CameraValueRules.ParseFlag(r, "enable"),
            Times: SnapScheduleTime.ParseList(r.Get("times") ?? string.Empty));
    }

    public Task SetSnapshotScheduleAsync(SnapshotScheduleSettings settings, CancellationToken cancellationToken = default)
    {
        var p = new List<KeyValuePair<string, string>>
        {
            new("mode", CameraValueRules.Flag(settings.FixedFileName)),
            new("prefix", CameraValueRules.Flag(settings.UsePrefix)),
            new("name", CameraValueRules.FileName("name", settings.Name)),
            new("enable", CameraValueRules.Flag(settings.Enabled)),
        };
        if (settings.Times.Count > 0)
        {
            p.Add(new("times", SnapScheduleTime.FormatList(settings.Times)));
        }

        return _cgi.SendAsync("setsnapschedftpattr", p, null, cancellationToken);
    }

    /// <summary>getsnaptimerftpattr: deprecated by the vendor, kept for older firmware.</summary>
    public async Task<SnapshotTimerSettings> GetSnapshotTimerAsync(CancellationToken cancellationToken = default)
    {
        var r = await _cgi.SendAsync("getsnaptimerftpattr", cancellationToken).ConfigureAwait(false);
        return new SnapshotTimerSettings(CameraValueRules.ParseFlag(r, "mode"), CameraValueRules.ParseFlag(r, "prefix"), r.Get("name") ?? string.Empty);
    }

    public Task SetSnapshotTimerAsync(SnapshotTimerSettings settings, CancellationToken cancellationToken = default) =>
        _cgi.SendAsync(
            "setsnaptimerftpattr",
            [
                new("mode", CameraValueRules.Flag(settings.FixedFileName)),
                new("prefix", CameraValueRules.Flag(settings.UsePrefix)),
                new("name", CameraValueRules.FileName("name", settings.Name)),
            ],
            null,
            cancellationToken);

    private static bool ParseFlag(string name, string? text, CgiResponse r) => ParseInt(name, text, r) switch
    {
        0 => false,
        1 => true,
        var other => throw new CameraProtocolException($"The camera's '{name}' is {other}, expected 0 or 1.", r.Body),
    };

    private static int ParseInt(string name, string? text, CgiResponse r) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CameraProtocolException($"The camera's answer has no numeric '{name}'.", r.Body);
}
