using System.Text.Json;
using System.Text.Json.Serialization;

namespace Receiver.Events.Mqtt;

/// <summary>What the retained topics of one camera say, kept on disk so a restart can republish them.</summary>
public sealed class CameraRetainedState
{
    [JsonPropertyName("last_upload")]
    public DateTimeOffset? LastUpload { get; set; }

    [JsonPropertyName("problem")]
    public bool Problem { get; set; }

    /// <summary>Relative to the data folder: the latest snapshot, republished on reconnect.</summary>
    [JsonPropertyName("snapshot")]
    public string? SnapshotPath { get; set; }
}

/// <summary>The retained state of every camera announced, in one small JSON file.</summary>
internal sealed class RetainedStateFile(string path)
{
    public Dictionary<string, CameraRetainedState> Load()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), EventJsonContext.Default.DictionaryStringCameraRetainedState) ?? [];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return [];
        }
    }

    public void Save(Dictionary<string, CameraRetainedState> state)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, EventJsonContext.Default.DictionaryStringCameraRetainedState));
        File.Move(temp, path, overwrite: true);
    }
}
