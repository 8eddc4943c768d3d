using Microsoft.Extensions.Logging;

namespace Receiver.Tests.Storage;

/// <summary>
/// The retention service as the host runs it, on a fake clock: a sweep at start and then one per interval, round
/// after round, today's folder never touched, and a sweep that fails does not end the sweeping.
/// </summary>
public sealed class RetentionServiceTests : IDisposable
{
    private const string Today = "2026-11-28";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly DataPaths _paths;

    public RetentionServiceTests()
    {
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        _paths = new DataPaths(_temp.Combine("data"));
    }

    [Fact]
    public async Task The_sweep_repeats_every_interval_deleting_new_old_folders_and_never_today()
    {
        // The disk stays nearly full whatever is deleted, so every sweep wants every day folder it may take.
        var options = new StorageOptions { RetentionDays = 7, MinFreeDiskPercent = 10, RetentionSweepMinutes = 1 };
        var today = MakeDay("cam1", Today);
        var atStart = new[] { MakeDay("cam1", "2026-10-01"), MakeDay("cam2", "2026-11-27") };
        await using var service = await StartAsync(options, _ => new DiskUsage(100, 1));

        await UntilGoneAsync(atStart);

        for (var round = 0; round < 3; round++)
        {
            // Recordings that turn up later (a camera's clock was wrong, a restore; one past the retention, one only
            // past the free-space rule) wait for the next sweep...
            var later = new[] { MakeDay("cam1", $"2026-09-1{round}"), MakeDay("cam3", $"2026-11-2{round + 4}") };
            Assert.All(later, folder => Assert.True(Directory.Exists(folder)));

            // ...which comes when the clock has moved on by the interval.
            _time.Advance(Interval);
            await UntilGoneAsync(later);
            Assert.True(File.Exists(Path.Combine(today, "snap.jpg")));
        }
    }

    [Fact]
    public async Task After_midnight_the_new_days_folder_is_kept_and_yesterdays_may_go()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 23, 59, 30, TimeSpan.Zero));
        var options = new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 10, RetentionSweepMinutes = 1 };
        var yesterday = MakeDay("cam1", Today);
        var startedEarly = MakeDay("cam1", "2026-11-29"); // a camera whose clock runs a little ahead
        var sweeps = new RecordingLogger<RetentionSweeper>();
        await using var service = await StartAsync(options, _ => new DiskUsage(100, 1), sweeperLogger: sweeps);

        // Each sweep ends with "only today's uploads left" on this disk that stays full.
        await UntilAsync(() => sweeps.Entries.Any(e => e.Message.Contains("only today's uploads left", StringComparison.Ordinal)));
        Assert.True(Directory.Exists(yesterday), "the sweep before midnight deleted the day's own folder");

        _time.Advance(Interval);

        await UntilGoneAsync([yesterday]);
        Assert.True(File.Exists(Path.Combine(startedEarly, "snap.jpg")));
    }

    [Theory]
    [InlineData("io")]
    [InlineData("bug")]
    public async Task A_sweep_that_throws_is_logged_and_the_next_sweep_still_runs(string failure)
    {
        // The first sweep fails while it checks the free space; the second one works.
        var probes = 0;
        DiskUsage Probe(string _) => Interlocked.Increment(ref probes) == 1
            ? throw (failure == "io" ? new IOException("statvfs failed") : new InvalidOperationException("a bug in the sweep"))
            : new DiskUsage(100, 5);
        var options = new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 10, RetentionSweepMinutes = 1 };
        var today = MakeDay("cam1", Today);
        var old = MakeDay("cam1", "2026-11-01");
        var logger = new RecordingLogger<RetentionService>();
        await using var service = await StartAsync(options, Probe, logger);

        await UntilAsync(() => logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Retention sweep failed", StringComparison.Ordinal)));
        Assert.True(Directory.Exists(old));

        _time.Advance(Interval);
        await UntilGoneAsync([old]);
        Assert.True(Directory.Exists(today));
        Assert.Contains(logger.Entries, e => e.Exception?.Message is "statvfs failed" or "a bug in the sweep");
    }

    public void Dispose() => _temp.Dispose();

    private static async Task UntilGoneAsync(IEnumerable<string> folders) =>
        await UntilAsync(() => folders.All(f => !Directory.Exists(f)));

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private async Task<RunningService> StartAsync(
        StorageOptions options, Func<string, DiskUsage> probe, ILogger<RetentionService>? logger = null, ILogger<RetentionSweeper>? sweeperLogger = null)
    {
        var sweeper = new RetentionSweeper(_paths, options, _time, sweeperLogger ?? NullLogger<RetentionSweeper>.Instance, probe);
        var service = new RetentionService(sweeper, Microsoft.Extensions.Options.Options.Create(options), _time, logger ?? NullLogger<RetentionService>.Instance);
        await service.StartAsync(CancellationToken.None);
        return new RunningService(service);
    }

    private string MakeDay(string camera, string day)
    {
        var folder = Path.Combine(_paths.Root, camera, day);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "snap.jpg"), "x");
        return folder;
    }

    private sealed class RunningService(RetentionService service) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
        }
    }
}
