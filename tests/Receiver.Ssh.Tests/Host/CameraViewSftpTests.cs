using System.Globalization;
using Receiver.Accounts;
using Receiver.Ssh.Tests.Support;
using Receiver.Testing;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Receiver.Ssh.Tests.Host;

/// <summary>
/// The camera's own view of its folder through OpenSSH's sftp and SSH.NET against the host's storage: stat and listing
/// agree with where the file was put, only delete destroys, and the quota holds against the sparse-offset trick.
/// </summary>
public sealed class CameraViewSftpTests : OpenSshHostSftpTests
{
    private static string Today => DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task OpenSsh_put_then_ls_l_of_the_same_path_shows_the_file()
    {
        Fixture.AddCamera("cam1", "Secret123", ClientKey.PublicKey.ToOpenSshLine());
        var local = Fixture.Scratch.Combine("snap.jpg");
        await File.WriteAllBytesAsync(local, SshNetSftpTests.RandomBytes(12_345));

        var result = await SftpAsync("cam1", $"mkdir sub\nput {local} sub/snap.jpg\nls -l sub/snap.jpg\nls -l sub\nls /\n");

        Assert.True(result.ExitCode == 0, result.Describe());
        var listings = result.StandardOutput.Split('\n').Where(l => l.Contains("snap.jpg", StringComparison.Ordinal) && l.Contains("12345", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, listings.Count); // ls -l of the file and of its folder
        Assert.DoesNotContain(Today, result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(12_345, new FileInfo(Fixture.FinalPath("cam1", "sub/snap.jpg")).Length);
    }

    [Fact]
    public async Task SshNet_exists_get_attributes_and_list_directory_find_the_upload()
    {
        Fixture.AddCamera("cam1", "Secret123");
        var data = SshNetSftpTests.RandomBytes(40_000);
        using var client = await ConnectAsync("cam1");
        client.CreateDirectory("/alarm");
        client.CreateDirectory("/alarm/front");
        client.ChangeDirectory("/alarm/front");
        using (var source = new MemoryStream(data))
        {
            await Task.Run(() => client.UploadFile(source, "clip.mp4"));
        }

        Assert.True(client.Exists("/alarm/front/clip.mp4"));
        Assert.Equal(40_000, client.GetAttributes("clip.mp4").Size);
        Assert.Equal(["clip.mp4"], client.ListDirectory("/alarm/front").Select(f => f.Name).Where(n => n is not "." and not ".."));
        Assert.Equal(["alarm"], client.ListDirectory("/").Select(f => f.Name).Where(n => n is not "." and not ".."));
        Assert.Equal(data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "alarm/front/clip.mp4")));
    }

    [Fact]
    public async Task Without_delete_posix_rename_over_setstat_and_remove_are_refused_and_a_fixed_name_upload_keeps_a_version()
    {
        Fixture.AddCamera("cam1", "Secret123", ClientKey.PublicKey.ToOpenSshLine());
        await UploadAsync("cam1", "/victim.jpg", "original"u8.ToArray());
        await UploadAsync("cam1", "/empty.jpg", []);
        var victim = Fixture.FinalPath("cam1", "victim.jpg");
        var written = File.GetLastWriteTimeUtc(victim);

        // OpenSSH's rename uses posix-rename@openssh.com; a leading '-' lets the batch go on after a refusal.
        var result = await SftpAsync("cam1", "-rename empty.jpg victim.jpg\n-rm victim.jpg\nls -l victim.jpg\n");
        using var client = await ConnectAsync("cam1");
        var setstat = Assert.Throws<SftpPermissionDeniedException>(() => client.SetLastWriteTimeUtc("/victim.jpg", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        using (var replacement = new MemoryStream("replaced"u8.ToArray()))
        {
            client.UploadFile(replacement, "/victim.jpg"); // OPEN with TRUNC over it: a fixed-name camera
        }

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Permission denied", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, result.StandardError.Split("Permission denied").Length - 1);
        Assert.Contains("delete permission", setstat.Message, StringComparison.Ordinal);
        Assert.Equal("replaced", await File.ReadAllTextAsync(victim));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(Path.Combine(Fixture.DayFolder("cam1", Today), ".versions")))));
        Assert.Equal("original", await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(Fixture.DayFolder("cam1", Today), ".versions"))[0]));
        Assert.DoesNotContain(client.ListDirectory("/"), f => f.Name == ".versions");
    }

    [Fact]
    public async Task With_delete_posix_rename_over_setstat_and_remove_work()
    {
        Fixture.AddCamera("cam1", "Secret123", a => a with { AuthorizedKeys = [ClientKey.PublicKey.ToOpenSshLine()], Permissions = CameraPermissions.Default | CameraPermissions.Delete });
        await UploadAsync("cam1", "/victim.jpg", "original"u8.ToArray());
        await UploadAsync("cam1", "/other.jpg", "other"u8.ToArray());

        var result = await SftpAsync("cam1", "rename other.jpg victim.jpg\n");
        using var client = await ConnectAsync("cam1");
        var time = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        client.SetLastWriteTimeUtc("/victim.jpg", time);
        var renamed = await File.ReadAllTextAsync(Fixture.FinalPath("cam1", "victim.jpg"));
        var stamped = File.GetLastWriteTimeUtc(Fixture.FinalPath("cam1", "victim.jpg"));
        client.DeleteFile("/victim.jpg");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal("other", renamed);
        Assert.Equal(time, stamped);
        Assert.False(File.Exists(Fixture.FinalPath("cam1", "victim.jpg")));
    }

    [Fact]
    public async Task The_sparse_offset_trick_and_reopening_a_huge_file_without_trunc_are_refused_as_quota_exceeded()
    {
        Fixture.AddCamera("cam1", "Secret123", a => a with { QuotaMegabytes = 10 });
        using var client = await ConnectAsync("cam1");

        var far = Assert.ThrowsAny<SshException>(() =>
        {
            using var stream = client.Open("/sparse.bin", FileMode.Create, FileAccess.Write);
            stream.Seek(64L << 30, SeekOrigin.Begin);
            stream.WriteByte(1);
            stream.Flush();
        });

        // A huge sparse file already on disk (an earlier version let it in): reopening it without TRUNC is refused at OPEN.
        var planted = Path.Combine(Fixture.DayFolder("cam1", Today), "old.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(planted)!);
        using (var file = File.Create(planted))
        {
            file.SetLength(64L << 30);
        }

        var reopen = Assert.ThrowsAny<SshException>(() => client.Open("/old.bin", FileMode.Open, FileAccess.Write).Dispose());

        Assert.Contains("quota exceeded", far.Message, StringComparison.Ordinal);
        Assert.Contains("quota exceeded", reopen.Message, StringComparison.Ordinal);
        Assert.False(client.Exists("/sparse.bin"));
        Assert.Empty(Fixture.StagedFiles());
    }

    [Fact]
    public async Task Today_alone_over_the_quota_fails_the_put_and_leaves_nothing()
    {
        Fixture.AddCamera("cam1", "Secret123", a => a with { AuthorizedKeys = [ClientKey.PublicKey.ToOpenSshLine()], QuotaMegabytes = 1 });
        var local = Fixture.Scratch.Combine("clip.mp4");
        await File.WriteAllBytesAsync(local, SshNetSftpTests.RandomBytes(3 * 1024 * 1024));

        var result = await SftpAsync("cam1", $"-put {local} clip.mp4\n");
        using var client = await ConnectAsync("cam1");
        using var source = new MemoryStream(SshNetSftpTests.RandomBytes(3 * 1024 * 1024));
        var refused = Assert.ThrowsAny<SshException>(() => client.UploadFile(source, "/clip.mp4"));

        // OpenSSH prints the status code's own text (SSH_FX_FAILURE); SSH.NET shows the server's message.
        Assert.Contains("write remote \"/clip.mp4\": Failure", result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("quota exceeded", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Fixture.FilesOf("cam1"));
        Assert.Empty(Fixture.StagedFiles());
    }

    [Fact]
    public async Task Two_uploads_at_once_that_together_pass_the_quota_end_with_one_refused_and_one_whole()
    {
        Fixture.AddCamera("cam1", "Secret123", a => a with { QuotaMegabytes = 1 });
        using var first = await ConnectAsync("cam1");
        using var second = await ConnectAsync("cam1");
        var a = first.Open("/a.mp4", FileMode.Create, FileAccess.Write);
        var b = second.Open("/b.mp4", FileMode.Create, FileAccess.Write);

        // 400 KiB each staged at the same time (800 KiB of 1 MiB), then 300 KiB more each: the first to pass is refused.
        a.Write(new byte[400 * 1024]);
        a.Flush();
        b.Write(new byte[400 * 1024]);
        b.Flush();
        var refused = Assert.ThrowsAny<SshException>(() =>
        {
            a.Write(new byte[300 * 1024]);
            a.Flush();
        });
        b.Write(new byte[300 * 1024]);
        b.Dispose();
        Assert.ThrowsAny<SshException>(a.Dispose); // CLOSE of the refused upload fails too: nothing is committed

        Assert.StartsWith("quota exceeded", refused.Message, StringComparison.Ordinal);
        Assert.Equal(700 * 1024, second.GetAttributes("/b.mp4").Size);
        Assert.False(second.Exists("/a.mp4"));
        Assert.Equal(["b.mp4"], Fixture.FilesOf("cam1").Select(Path.GetFileName));
    }

    private async Task<SftpClient> ConnectAsync(string user)
    {
        var client = new SftpClient(SshNetClients.Password(Fixture.Port, user, "Secret123"));
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    private async Task UploadAsync(string user, string path, byte[] data)
    {
        using var client = await ConnectAsync(user);
        using var source = new MemoryStream(data);
        await Task.Run(() => client.UploadFile(source, path));
    }

    private Task<ExternalProcess.Result> SftpAsync(string user, string batch) => OpenSshSftpBatch.RunAsync(Fixture.Port, ClientKey.Path, user, batch);
}
