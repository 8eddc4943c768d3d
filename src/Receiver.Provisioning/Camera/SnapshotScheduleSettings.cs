namespace Receiver.Provisioning.Camera;

/// <summary>getsnapschedftpattr: the planned snapshot upload.</summary>
/// <param name="FixedFileName">mode: true (1) = fixed file name, false (0) = generated from the timestamp.</param>
/// <param name="UsePrefix">prefix: put <paramref name="Name"/> in front of the generated names.</param>
/// <param name="Name">name: the fixed file name or prefix.</param>
/// <param name="Enabled">enable: the schedule is active.</param>
/// <param name="Times">times: when snapshots are taken.</param>
public sealed record SnapshotScheduleSettings(bool FixedFileName, bool UsePrefix, string Name, bool Enabled, IReadOnlyList<SnapScheduleTime> Times);

/// <summary>getsnaptimerftpattr (deprecated): file naming of the interval snapshot upload.</summary>
public sealed record SnapshotTimerSettings(bool FixedFileName, bool UsePrefix, string Name);
