using Receiver.Provisioning.Workflow;

namespace Receiver.Web.Enroll;

/// <summary>One enrollment started from the page: its report lines as they come, and the result at the end.</summary>
public sealed class EnrollmentJob(string id, string cameraAddress, string cameraName, DateTimeOffset started)
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string CameraAddress { get; } = cameraAddress;

    public string CameraName { get; } = cameraName;

    public DateTimeOffset Started { get; } = started;

    public EnrollmentResult? Result { get; private set; }

    /// <summary>The lines from <paramref name="from"/> on, the result if it ended, and a task that completes at the next change.</summary>
    public (IReadOnlyList<string> Lines, EnrollmentResult? Result, Task Changed) Read(int from)
    {
        lock (_gate)
        {
            return ([.. _lines.Skip(from)], Result, _changed.Task);
        }
    }

    internal void Append(string line) => Change(() => _lines.Add(line));

    internal void Finish(EnrollmentResult result) => Change(() => Result = result);

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
