using System.Runtime.Versioning;
using System.Text;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>The session driven in-process with hand-built packets: uploads, pipelining, replies, limits.</summary>
public sealed class SftpSessionTests : CameraStorageTests
{
    [Fact]
    public async Task Init_is_answered_with_version_3_and_the_OpenSSH_extensions()
    {
        await using var harness = new SftpSessionHarness(Storage.Open());
        await harness.SendAsync(new SftpPacketBuilder(SftpPacketType.Init).UInt32(6).Build());

        var version = await harness.ReceiveAsync();

        Assert.NotNull(version);
        Assert.Equal(SftpPacketType.Version, version.Type);
        Assert.Equal(3u, version.Id);
        var text = Encoding.UTF8.GetString(version.Body);
        Assert.Contains("posix-rename@openssh.com", text);
        Assert.Contains("statvfs@openssh.com", text);
        Assert.Contains("fsync@openssh.com", text);
        Assert.Contains("limits@openssh.com", text);
    }

    [Fact]
    public async Task Pipelined_writes_out_of_order_assemble_the_file_and_replies_follow_request_order()
    {
        var content = RandomBytes(3 * 32768 + 1000);
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenUploadAsync("/clip.mp4");

        // Last chunk first, then the first, then the middle: all queued before any reply is read.
        int[] order = [3, 0, 2, 1];
        var ids = order.Select(_ => harness.NextId()).ToArray();
        var writes = order.Select((chunk, i) =>
        {
            var start = chunk * 32768;
            var length = Math.Min(32768, content.Length - start);
            return harness.Write(handle, (ulong)start, content.AsSpan(start, length), ids[i]);
        }).ToArray();
        await harness.SendAsync(writes);

        foreach (var id in ids)
        {
            var reply = await harness.ReceiveAsync();
            Assert.NotNull(reply);
            Assert.Equal(id, reply.Id);
            Assert.Equal(SftpStatusCode.Ok, reply.StatusCode);
        }

        Assert.False(File.Exists(Storage.OnDisk("clip.mp4")), "nothing under the final name before CLOSE");
        Assert.Equal(SftpStatusCode.Ok, (await harness.RequestAsync(harness.Close(handle))).StatusCode);
        Assert.Equal(content, File.ReadAllBytes(Storage.OnDisk("clip.mp4")));
    }

    [Fact]
    public async Task Fstat_of_an_upload_reports_the_bytes_written_so_far()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenUploadAsync("/snap.jpg");
        await harness.RequestAsync(harness.Write(handle, 0, new byte[1234]));

        var attributes = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Fstat, harness.NextId()).Bytes(handle).Build());

        Assert.Equal(1234ul, attributes.Size);
    }

    [Fact]
    public async Task Open_for_write_without_truncate_keeps_the_existing_bytes()
    {
        File.WriteAllBytes(Storage.OnDisk("part.bin"), [1, 2, 3, 4]);
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        var handle = await harness.OpenAsync("/part.bin", SftpOpenFlags.Write);
        await harness.RequestAsync(harness.Write(handle, 4, [5, 6]));
        await harness.RequestAsync(harness.Close(handle));

        Assert.Equal([1, 2, 3, 4, 5, 6], File.ReadAllBytes(Storage.OnDisk("part.bin")));
    }

    [Fact]
    public async Task Open_with_exclusive_create_fails_on_an_existing_file()
    {
        File.WriteAllBytes(Storage.OnDisk("taken.jpg"), [1]);
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        var reply = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Open, harness.NextId())
            .String("/taken.jpg").UInt32((uint)(SftpOpenFlags.Write | SftpOpenFlags.Create | SftpOpenFlags.Exclusive)).NoAttributes().Build());

        reply.AssertStatus(SftpStatusCode.Failure, "already exists");
        Assert.Equal([1], File.ReadAllBytes(Storage.OnDisk("taken.jpg")));
    }

    [Fact]
    public async Task A_failed_commit_answers_failure_with_the_reason_and_leaves_no_file()
    {
        var fileSystem = new FaultyFileSystem(Storage.Open()) { FailCommitWith = FileSystemError.NoSpace };
        await using var harness = await SftpSessionHarness.StartAsync(fileSystem);
        var handle = await harness.OpenUploadAsync("/full.jpg");
        await harness.RequestAsync(harness.Write(handle, 0, new byte[100]));

        var reply = await harness.RequestAsync(harness.Close(handle));

        reply.AssertStatus(SftpStatusCode.Failure, "disk is full");
        Assert.Empty(Storage.AllFiles());

        // The handle is gone after CLOSE whatever the outcome.
        var again = await harness.RequestAsync(harness.Close(handle));
        Assert.Equal(SftpStatusCode.Failure, again.StatusCode);
    }

    [Fact]
    public async Task A_failed_write_discards_the_staged_upload_at_once_though_the_client_keeps_the_handle_open()
    {
        // SSH.NET stops at the first failed WRITE without a CLOSE: the temporary must not hold the disk until logout.
        var fileSystem = new FaultyFileSystem(Storage.Open()) { FailWritesWith = FileSystemError.NoSpace };
        await using var harness = await SftpSessionHarness.StartAsync(fileSystem);
        var handle = await harness.OpenUploadAsync("/clip.mp4");
        Assert.NotEmpty(Storage.AllFiles());

        var write = await harness.RequestAsync(harness.Write(handle, 0, new byte[100]));

        Assert.Equal((SftpStatusCode.Failure, "the receiver's disk is full"), (write.StatusCode, write.StatusMessage));
        Assert.Empty(Storage.AllFiles());

        // The handle still answers, with the reason: later writes, fsync and close all fail, none succeeds.
        var later = await harness.RequestAsync(harness.Write(handle, 100, new byte[100]));
        var fsync = await harness.RequestAsync(harness.Fsync(handle));
        var close = await harness.RequestAsync(harness.Close(handle));
        Assert.Equal((SftpStatusCode.Failure, "the receiver's disk is full"), (later.StatusCode, later.StatusMessage));
        fsync.AssertStatus(SftpStatusCode.Failure, "disk is full");
        close.AssertStatus(SftpStatusCode.Failure, "disk is full");
        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task A_failed_fsync_answers_failure_and_the_upload_is_never_committed()
    {
        // A client asks for fsync@openssh.com before CLOSE. ENOSPC or EIO there means data is lost, though the fsync
        // of the commit would then succeed: the close must not file the upload.
        var fileSystem = new FaultyFileSystem(Storage.Open()) { FailFlushWith = FileSystemError.NoSpace };
        await using var harness = await SftpSessionHarness.StartAsync(fileSystem);
        var handle = await harness.OpenUploadAsync("/clip.mp4");
        Assert.Equal(SftpStatusCode.Ok, (await harness.RequestAsync(harness.Write(handle, 0, new byte[100]))).StatusCode);

        var fsync = await harness.RequestAsync(harness.Fsync(handle));
        var close = await harness.RequestAsync(harness.Close(handle));

        Assert.Equal((SftpStatusCode.Failure, "the receiver's disk is full"), (fsync.StatusCode, fsync.StatusMessage));
        close.AssertStatus(SftpStatusCode.Failure, "not saved");
        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task Handles_of_failed_uploads_left_open_by_the_client_do_not_use_up_the_handle_limit()
    {
        var fileSystem = new FaultyFileSystem(Storage.Open()) { FailWritesWith = FileSystemError.NoSpace };
        await using var harness = await SftpSessionHarness.StartAsync(fileSystem, new SftpSessionOptions { MaxOpenHandles = 2 });
        var healthy = await harness.OpenUploadAsync("/kept-open.jpg");

        // A client that retries on the same session and never closes what failed (as SSH.NET does).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var handle = await harness.OpenUploadAsync($"/retry-{attempt}.mp4");
            var write = await harness.RequestAsync(harness.Write(handle, 0, new byte[100]));
            Assert.Equal(SftpStatusCode.Failure, write.StatusCode);
        }

        // A healthy handle is never taken away; only dead ones made room.
        var close = await harness.RequestAsync(harness.Close(healthy));
        Assert.Equal(SftpStatusCode.Ok, close.StatusCode);
    }

    [Fact]
    public async Task A_session_that_ends_with_an_open_upload_aborts_it()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenUploadAsync("/half.mp4");
        await harness.RequestAsync(harness.Write(handle, 0, new byte[5000]));

        await harness.CloseClientAsync();

        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task A_cancelled_session_returns_and_aborts_its_open_upload()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenUploadAsync("/cut.mp4");
        await harness.RequestAsync(harness.Write(handle, 0, new byte[5000]));

        await harness.CancelAsync(); // throws if RunAsync failed or did not return

        Assert.Empty(Storage.AllFiles());
    }

    [Fact]
    public async Task A_modification_time_set_on_an_upload_is_applied_after_commit()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenUploadAsync("/old.jpg");
        await harness.RequestAsync(harness.Write(handle, 0, [1, 2, 3]));
        var mtime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var setstat = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Fsetstat, harness.NextId()).Bytes(handle)
            .UInt32((uint)(SftpAttributeFlags.AccessModifiedTime | SftpAttributeFlags.Permissions | SftpAttributeFlags.Size))
            .UInt64(3).UInt32(0x1FF).UInt32((uint)mtime.ToUnixTimeSeconds()).UInt32((uint)mtime.ToUnixTimeSeconds()).Build());
        await harness.RequestAsync(harness.Close(handle));

        Assert.Equal(SftpStatusCode.Ok, setstat.StatusCode);
        Assert.Equal(mtime.UtcDateTime, File.GetLastWriteTimeUtc(Storage.OnDisk("old.jpg")));
    }

    [Fact]
    public async Task Read_returns_the_file_in_pieces_then_end_of_file()
    {
        Storage.Permissions = CameraPermissions.Default | CameraPermissions.Download;
        var content = RandomBytes(70000);
        File.WriteAllBytes(Storage.OnDisk("down.bin"), content);
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenAsync("/down.bin", SftpOpenFlags.Read);

        var received = new List<byte>();
        while (true)
        {
            var reply = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Read, harness.NextId()).Bytes(handle).UInt64((ulong)received.Count).UInt32(32768).Build());
            if (reply.Type == SftpPacketType.Status)
            {
                Assert.Equal(SftpStatusCode.Eof, reply.StatusCode);
                break;
            }

            received.AddRange(reply.Data);
        }

        Assert.Equal(content, received.ToArray());
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Readdir_lists_entries_with_an_ls_style_longname_then_end_of_file()
    {
        Directory.CreateDirectory(Storage.OnDisk("2026-11-28"));
        File.WriteAllBytes(Storage.OnDisk("a.jpg"), new byte[42]);
        File.SetUnixFileMode(Storage.OnDisk("a.jpg"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetUnixFileMode(Storage.OnDisk("2026-11-28"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        var handle = (await harness.RequestAsync(harness.PathRequest(SftpPacketType.Opendir, "/"))).Handle;
        var names = (await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Readdir, harness.NextId()).Bytes(handle).Build())).Names;
        var end = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Readdir, harness.NextId()).Bytes(handle).Build());

        Assert.Equal(["2026-11-28", "a.jpg"], names.Select(n => n.Name).Order());
        Assert.Matches(@"^-rw-r----- +1 cam1 +cam1 +42 \w{3} [ \d]\d (\d\d:\d\d| \d{4}) a\.jpg$", names.Single(n => n.Name == "a.jpg").LongName);
        Assert.StartsWith("drwxr-x---", names.Single(n => n.Name == "2026-11-28").LongName);
        Assert.Equal(SftpStatusCode.Eof, end.StatusCode);
    }

    [Fact]
    public async Task A_large_folder_is_listed_in_several_readdir_replies()
    {
        Directory.CreateDirectory(Storage.OnDisk("day"));
        var expected = Enumerable.Range(0, 250).Select(i => $"snap{i:D3}.jpg").ToList();
        expected.ForEach(name => File.WriteAllBytes(Storage.OnDisk("day/" + name), [1]));
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open(), new SftpSessionOptions { DirectoryEntriesPerReply = 100 });
        var handle = (await harness.RequestAsync(harness.PathRequest(SftpPacketType.Opendir, "/day"))).Handle;

        var batches = new List<int>();
        var names = new List<string>();
        while (true)
        {
            var reply = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Readdir, harness.NextId()).Bytes(handle).Build());
            if (reply.Type == SftpPacketType.Status)
            {
                Assert.Equal(SftpStatusCode.Eof, reply.StatusCode);
                break;
            }

            batches.Add(reply.Names.Count);
            names.AddRange(reply.Names.Select(n => n.Name));
        }

        Assert.Equal([100, 100, 50], batches);
        Assert.Equal(expected, names.Order());
    }

    [Theory]
    [InlineData(".", "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("..", "/")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("cams/./a/../b/", "/cams/b")]
    public async Task Realpath_resolves_against_the_account_root(string path, string expected)
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());

        var reply = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Realpath, path));

        Assert.Equal(expected, Assert.Single(reply.Names).Name);
    }

    [Fact]
    public async Task Rename_refuses_an_existing_target_and_posix_rename_replaces_it_only_with_delete()
    {
        File.WriteAllText(Storage.OnDisk("a.txt"), "new");
        File.WriteAllText(Storage.OnDisk("b.txt"), "old");
        await using (var camera = new SftpSessionHarness(Storage.Open()))
        {
            await camera.InitAsync();
            var rename = await camera.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Rename, camera.NextId()).String("/a.txt").String("/b.txt").Build());
            Assert.Equal(SftpStatusCode.Failure, rename.StatusCode);
            var refused = await camera.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Extended, camera.NextId())
                .String("posix-rename@openssh.com").String("/a.txt").String("/b.txt").Build());
            Assert.Equal(SftpStatusCode.PermissionDenied, refused.StatusCode);
            Assert.Equal("old", File.ReadAllText(Storage.OnDisk("b.txt")));
        }

        Storage.Permissions = CameraPermissions.Default | CameraPermissions.Delete;
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var posix = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Extended, harness.NextId())
            .String("posix-rename@openssh.com").String("/a.txt").String("/b.txt").Build());
        Assert.Equal(SftpStatusCode.Ok, posix.StatusCode);
        Assert.Equal("new", File.ReadAllText(Storage.OnDisk("b.txt")));
        Assert.False(File.Exists(Storage.OnDisk("a.txt")));
    }

    [Fact]
    public async Task Limits_and_statvfs_answer_from_the_options_and_the_volume()
    {
        var options = new SftpSessionOptions { MaxOpenHandles = 7 };
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open(), options);

        var limits = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Extended, harness.NextId()).String("limits@openssh.com").Build());
        var statvfs = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Extended, harness.NextId()).String("statvfs@openssh.com").String("/").Build());

        Assert.Equal([(ulong)options.MaxPacketLength, (ulong)options.MaxReadLength, (ulong)options.MaxWriteLength, 7ul], limits.ExtendedValues);
        Assert.Equal(11, statvfs.ExtendedValues.Length);
        Assert.Equal(4096ul, statvfs.ExtendedValues[0]);
        var drive = new DriveInfo(Storage.CameraFolder);
        Assert.Equal((ulong)drive.TotalSize / 4096, statvfs.ExtendedValues[2]);
        Assert.InRange(statvfs.ExtendedValues[4], 1ul, statvfs.ExtendedValues[2]);
    }

    [Fact]
    public async Task Open_handles_are_limited_per_session()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open(), new SftpSessionOptions { MaxOpenHandles = 2 });
        await harness.OpenUploadAsync("/1.jpg");
        await harness.OpenUploadAsync("/2.jpg");

        var third = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Open, harness.NextId()).String("/3.jpg").UInt32((uint)SftpSessionHarness.UploadFlags).NoAttributes().Build());

        third.AssertStatus(SftpStatusCode.Failure, "too many open files");
    }

    [Fact]
    public async Task Fsync_of_an_upload_answers_ok()
    {
        await using var harness = await SftpSessionHarness.StartAsync(Storage.Open());
        var handle = await harness.OpenUploadAsync("/sync.jpg");
        await harness.RequestAsync(harness.Write(handle, 0, [9]));

        var reply = await harness.RequestAsync(harness.Fsync(handle));

        Assert.Equal(SftpStatusCode.Ok, reply.StatusCode);
    }

    internal static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
