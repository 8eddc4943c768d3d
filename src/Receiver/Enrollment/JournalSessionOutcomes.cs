using Receiver.Provisioning.Workflow;
using Receiver.Sessions;
using Receiver.Storage;

namespace Receiver.Enrollment;

/// <summary>Reads the running service's session journal under Storage:Root (the one-shot enroll run shares the data folder).</summary>
internal sealed class JournalSessionOutcomes(DataPaths paths) : ISessionOutcomes
{
    public IReadOnlyList<SessionOutcome> Since(DateTimeOffset since) =>
        [.. SessionRecord.ReadSince(paths, since).Select(r => new SessionOutcome(r.Time, r.Protocol, r.SessionId, r.RemoteAddress, r.Kind, r.User, r.Detail))];
}
