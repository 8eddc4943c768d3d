using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Receiver.Abstractions;
using Receiver.Storage;

namespace Receiver.Sessions;

/// <summary>One line of the session journal.</summary>
public sealed record SessionRecord(
    DateTimeOffset Time,
    string Protocol,
    string SessionId,
    string? RemoteAddress,
    SessionEventKind Kind,
    string? User,
    string Detail)
{
    /// <summary>A journal line's JSON form (camel case, the kind by name), source-generated so a NativeAOT build keeps it.</summary>
    internal static readonly SessionJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter<SessionEventKind>() },
    });

    public static SessionRecord From(SessionEvent e, DateTimeOffset time) => new(
        time, e.Protocol.Name(), e.SessionId, AddressOf(e.RemoteEndPoint), e.Kind, e.User, e.Detail);

    /// <summary>Journal lines at or after <paramref name="since"/>, oldest first, from the current and the rotated file.</summary>
    public static IReadOnlyList<SessionRecord> ReadSince(DataPaths paths, DateTimeOffset since)
    {
        var records = new List<SessionRecord>();
        foreach (var file in new[] { paths.SessionLogFile + ".1", paths.SessionLogFile })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    if (JsonSerializer.Deserialize(line, Json.SessionRecord) is { } record && record.Time >= since)
                    {
                        records.Add(record);
                    }
                }
                catch (JsonException)
                {
                    // A line cut by a crash: skip it.
                }
            }
        }

        return records;
    }

    private static string? AddressOf(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
        null => null,
        _ => endPoint.ToString(),
    };
}

[JsonSerializable(typeof(SessionRecord))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
