using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Receiver.Testing;

namespace Receiver.Ftp.Tests;

/// <summary>One python3 ftplib session across midnight on a fake storage clock: the check after midnight still finds the upload.</summary>
public sealed class MidnightFtpTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 23, 59, 58, TimeSpan.Zero));
    private HostFtpFixture _host = null!;

    public async Task InitializeAsync()
    {
        _clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        _host = await HostFtpFixture.StartAsync(storageTime: _clock);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_upload_at_23_59_58_is_found_at_00_00_03_and_the_next_upload_is_filed_under_the_new_day()
    {
        _host.AddCamera("garden", "Secret123");
        var marker = Path.Combine(_host.Root, "midnight-passed");
        const string script = """
            import ftplib, io, os, sys, time
            ftp = ftplib.FTP(timeout=20)
            ftp.connect("127.0.0.1", int(sys.argv[1]))
            ftp.login("garden", "Secret123")
            ftp.mkd("sub")
            ftp.cwd("sub")
            print("STOR1", ftp.storbinary("STOR late.jpg", io.BytesIO(b"L" * 1000)), flush=True)
            deadline = time.time() + 30
            while not os.path.exists(sys.argv[2]):
                if time.time() > deadline:
                    sys.exit("the test never moved the clock past midnight")
                time.sleep(0.05)
            print("PWD", ftp.pwd())
            print("SIZE", ftp.size("late.jpg"))
            print("MLSD", ",".join(name for name, facts in ftp.mlsd()))
            print("STOR2", ftp.storbinary("STOR early.jpg", io.BytesIO(b"E" * 10)))
            print("NLST", ",".join(sorted(ftp.nlst())))
            ftp.quit()
            """;
        var late = Path.Combine(_host.DayFolder("garden", "2026-11-30"), "sub", "late.jpg");

        var client = ExternalProcess.PythonAsync(script, _host.Port.ToString(CultureInfo.InvariantCulture), marker);
        await WaitUntilAsync(() => File.Exists(late) || client.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(5)); // 00:00:03 on 2026-12-01
        await File.WriteAllTextAsync(marker, "");
        var result = await client;

        Assert.True(result.ExitCode == 0, result.Describe());
        var lines = CameraViewFtpTests.Lines(result);
        Assert.Equal("/sub", lines["PWD"]);
        Assert.Equal("1000", lines["SIZE"]);
        Assert.Equal("late.jpg", lines["MLSD"]);
        Assert.StartsWith("226", lines["STOR2"], StringComparison.Ordinal);
        Assert.Equal("early.jpg,late.jpg", lines["NLST"]);
        Assert.Equal(1000, new FileInfo(late).Length);
        Assert.Equal(10, new FileInfo(Path.Combine(_host.DayFolder("garden", "2026-12-01"), "sub", "early.jpg")).Length);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
