namespace Receiver.Events.Tests.Support;

/// <summary>A fixed camera list for tests of the library alone.</summary>
internal sealed class Cameras(params EventCamera[] cameras) : ICameraCatalog
{
    public List<EventCamera> All { get; } = [.. cameras];

    public IReadOnlyList<EventCamera> List() => [.. All];

    public EventCamera? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
