namespace Receiver.Ssh.Tests.Sftp;

/// <summary>A clock that stands still in UTC, so a test knows which day folder an upload lands in.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
