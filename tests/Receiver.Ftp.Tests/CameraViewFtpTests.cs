using System.Globalization;
using Receiver.Accounts;
using Receiver.Testing;

namespace Receiver.Ftp.Tests;

/// <summary>
/// The camera's own view of its folder through real FTP clients (python3 ftplib, curl) against the host's storage: a
/// file is listed where it was put, the archive cannot be destroyed without delete, and the quota is enforced.
/// </summary>
public sealed class CameraViewFtpTests : IAsyncLifetime
{
    private const string Login = """
        import ftplib, io, sys
        def login(port, user):
            ftp = ftplib.FTP(timeout=20)
            ftp.connect("127.0.0.1", int(port))
            ftp.login(user, "Secret123")
            return ftp
        def attempt(label, action):
            try:
                print(label, action(), flush=True)
            except ftplib.Error as e:
                print(label, "ERR", e, flush=True)
            except OSError:
                # The server cut the data connection while we were still sending: its reply is waiting on the control one.
                try:
                    print(label, ftp.getresp(), flush=True)
                except ftplib.Error as e:
                    print(label, "ERR", e, flush=True)

        """;

    private HostFtpFixture _host = null!;

    private static string Today => DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync() => _host = await HostFtpFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ftplib_finds_and_lists_its_upload_where_it_put_it_and_the_file_is_under_todays_folder()
    {
        _host.AddCamera("garden", "Secret123");
        const string script = Login + """
            ftp = login(sys.argv[1], "garden")
            print("MKD", ftp.mkd("sub"))
            ftp.cwd("sub")
            print("STOR", ftp.storbinary("STOR v.jpg", io.BytesIO(b"v" * 5000)))
            print("SIZE", ftp.size("v.jpg"))
            print("MDTM", ftp.sendcmd("MDTM v.jpg"))
            print("MLSD", ",".join(name for name, facts in ftp.mlsd()))
            print("NLST", ",".join(ftp.nlst()))
            ftp.cwd("/")
            print("ROOT", ",".join(name for name, facts in ftp.mlsd()))
            ftp.quit()
            """;

        var lines = await RunFtplibAsync(script);
        Assert.Equal("/sub", lines["MKD"]);
        Assert.StartsWith("226", lines["STOR"], StringComparison.Ordinal);
        Assert.Equal("5000", lines["SIZE"]);
        Assert.Matches("^213 [0-9]{14}$", lines["MDTM"]);
        Assert.Equal("v.jpg", lines["MLSD"]);
        Assert.Equal("v.jpg", lines["NLST"]);
        Assert.Equal("sub", lines["ROOT"]); // no day folder and no empty twin
        Assert.Equal(5000, new FileInfo(_host.FinalPath("garden", "sub/v.jpg")).Length);
        Assert.Equal([Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(_host.FinalPath("garden", "sub/v.jpg"))))], Directory.GetDirectories(Path.Combine(_host.Root, "garden")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Data_stored_in_todays_old_flat_form_is_listed_at_the_root_and_yesterday_is_out_of_reach()
    {
        _host.AddCamera("garden", "Secret123");
        Directory.CreateDirectory(Path.Combine(_host.Root, "garden", Today));
        await File.WriteAllBytesAsync(Path.Combine(_host.Root, "garden", Today, "flat.jpg"), new byte[321]);
        var earlier = DateTime.Now.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(_host.Root, "garden", earlier));
        await File.WriteAllBytesAsync(Path.Combine(_host.Root, "garden", earlier, "old.jpg"), new byte[5]);
        var script = Login + $$"""
            ftp = login(sys.argv[1], "garden")
            attempt("MLSD", lambda: ",".join(name for name, facts in ftp.mlsd()))
            attempt("SIZE", lambda: ftp.size("flat.jpg"))
            attempt("OLD", lambda: ftp.size("../{{earlier}}/old.jpg"))
            attempt("ARCHIVE", lambda: ftp.size("/.archive/{{earlier}}/old.jpg"))
            ftp.quit()
            """;

        var lines = await RunFtplibAsync(script);
        Assert.Equal("flat.jpg", lines["MLSD"]);
        Assert.Equal("321", lines["SIZE"]);
        Assert.StartsWith("ERR 550 No such file", lines["OLD"], StringComparison.Ordinal);
        Assert.StartsWith("ERR 550 Permission denied: '/.archive' (earlier days) needs the download or delete permission", lines["ARCHIVE"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curl_with_create_dirs_uploads_into_nested_folders_and_lists_them_there()
    {
        _host.AddCamera("garden", "Secret123");
        var local = Path.Combine(_host.Root, "clip.mp4");
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        await File.WriteAllBytesAsync(local, bytes);

        var upload = await ExternalProcess.CurlAsync("--ftp-create-dirs", "-T", local, $"ftp://garden:Secret123@127.0.0.1:{Port}/alarm/2026/front/clip.mp4");
        var listing = await ExternalProcess.CurlAsync("--list-only", $"ftp://garden:Secret123@127.0.0.1:{Port}/alarm/2026/front/");
        var longListing = await ExternalProcess.CurlAsync($"ftp://garden:Secret123@127.0.0.1:{Port}/alarm/2026/front/"); // LIST

        Assert.True(upload.ExitCode == 0, upload.Describe());
        Assert.True(listing.ExitCode == 0, listing.Describe());
        Assert.Equal("clip.mp4", listing.StandardOutput.Trim());
        Assert.Matches(@"^-\S+ .* 70000 .* clip\.mp4$", longListing.StandardOutput.Trim());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_host.FinalPath("garden", "alarm/2026/front/clip.mp4")));
    }

    [Theory]
    [InlineData("attacker", CameraPermissions.Default)]
    [InlineData("owner", CameraPermissions.Default | CameraPermissions.Delete)]
    public async Task Destructive_commands_are_refused_without_delete_and_work_with_it(string user, CameraPermissions permissions)
    {
        _host.AddCamera(user, "Secret123", permissions);
        var script = Login + $$"""
            first = login(sys.argv[1], "{{user}}")
            first.storbinary("STOR victim.jpg", io.BytesIO(b"original"))
            first.storbinary("STOR empty.jpg", io.BytesIO(b""))
            first.quit()
            ftp = login(sys.argv[1], "{{user}}")
            attempt("RNTO", lambda: ftp.rename("empty.jpg", "victim.jpg"))
            attempt("MFMT", lambda: ftp.sendcmd("MFMT 20000101000000 victim.jpg"))
            attempt("SIZE1", lambda: ftp.size("victim.jpg"))
            attempt("STOR", lambda: ftp.storbinary("STOR victim.jpg", io.BytesIO(b"replaced!")))
            attempt("SIZE2", lambda: ftp.size("victim.jpg"))
            attempt("DELE", lambda: ftp.delete("victim.jpg"))
            ftp.quit()
            """;

        var lines = await RunFtplibAsync(script);
        var versions = Path.Combine(_host.Root, user, Today, ".versions");
        if (user == "attacker")
        {
            Assert.StartsWith("ERR 550 Permission denied: Renaming over an existing file would destroy it", lines["RNTO"], StringComparison.Ordinal);
            Assert.StartsWith("ERR 550 Permission denied", lines["MFMT"], StringComparison.Ordinal);
            Assert.Equal("8", lines["SIZE1"]);
            Assert.StartsWith("226", lines["STOR"], StringComparison.Ordinal); // a fixed-name camera still uploads
            Assert.Equal("9", lines["SIZE2"]);
            Assert.StartsWith("ERR 550 Permission denied", lines["DELE"], StringComparison.Ordinal);
            Assert.Equal("replaced!", await File.ReadAllTextAsync(_host.FinalPath(user, "victim.jpg")));
            Assert.Equal("original", await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(versions))));
        }
        else
        {
            Assert.StartsWith("250", lines["RNTO"], StringComparison.Ordinal);
            Assert.StartsWith("213", lines["MFMT"], StringComparison.Ordinal);
            Assert.Equal("0", lines["SIZE1"]);
            Assert.Equal("9", lines["SIZE2"]);
            Assert.StartsWith("250", lines["DELE"], StringComparison.Ordinal);
            Assert.False(File.Exists(_host.FinalPath(user, "victim.jpg")));
            Assert.False(Directory.Exists(versions));
        }
    }

    [Fact]
    public async Task A_camera_at_its_quota_makes_room_from_its_oldest_day_and_today_alone_over_it_gets_552()
    {
        _host.AddCamera("garden", "Secret123", quotaMegabytes: 1);
        _host.AddCamera("porch", "Secret123");
        var old = DateTime.Now.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(_host.Root, "garden", old));
        await File.WriteAllBytesAsync(Path.Combine(_host.Root, "garden", old, "old.jpg"), new byte[600_000]);
        Directory.CreateDirectory(Path.Combine(_host.Root, "porch", old));
        await File.WriteAllBytesAsync(Path.Combine(_host.Root, "porch", old, "old.jpg"), new byte[600_000]);
        const string script = Login + """
            ftp = login(sys.argv[1], "garden")
            attempt("FITS", lambda: ftp.storbinary("STOR alarm.jpg", io.BytesIO(b"a" * 700000)))
            attempt("OVER", lambda: ftp.storbinary("STOR huge.mp4", io.BytesIO(b"h" * 2000000)))
            attempt("NLST", lambda: ",".join(ftp.nlst()))
            ftp.quit()
            """;

        var lines = await RunFtplibAsync(script);
        Assert.StartsWith("226", lines["FITS"], StringComparison.Ordinal);
        Assert.StartsWith("ERR 552 Exceeded storage allocation: quota exceeded", lines["OVER"], StringComparison.Ordinal);
        Assert.Equal("alarm.jpg", lines["NLST"]);
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "garden", old)));
        Assert.True(File.Exists(Path.Combine(_host.Root, "porch", old, "old.jpg"))); // another camera's history stays
        Assert.DoesNotContain(_host.FilesOf("garden"), f => f.EndsWith("huge.mp4", StringComparison.Ordinal));
    }

    private string Port => _host.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs an ftplib script against the host; it must exit 0. Returns its labelled lines.</summary>
    private async Task<Dictionary<string, string>> RunFtplibAsync(string script)
    {
        var result = await ExternalProcess.PythonAsync(script, Port);
        Assert.True(result.ExitCode == 0, result.Describe());
        return Lines(result);
    }

    // "LABEL rest of line" → label: rest (the last line of each label wins).
    internal static Dictionary<string, string> Lines(ExternalProcess.Result result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : "");
}
