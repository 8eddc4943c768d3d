namespace Receiver.Events;

/// <summary>A sink's optional event types per camera: the camera's own entry, else "*", else everything.</summary>
public sealed class EventFilter(IReadOnlyDictionary<string, string> filter)
{
    public bool Allows(UploadEvent e)
    {
        if (!filter.TryGetValue(e.Camera, out var list) && !filter.TryGetValue("*", out list))
        {
            return true;
        }

        return Split(list).Contains(e.EventType, StringComparer.OrdinalIgnoreCase);
    }

    public static IEnumerable<string> Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant());
}
