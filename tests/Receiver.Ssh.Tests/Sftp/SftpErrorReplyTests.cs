using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>What the client sees when a request fails: the SSH_FX code it acts on and the message it prints.</summary>
public sealed class SftpErrorReplyTests : CameraStorageTests
{
    public static TheoryData<FileSystemError, uint> Mapping => new()
    {
        { FileSystemError.NotFound, (uint)SftpStatusCode.NoSuchFile },
        { FileSystemError.PermissionDenied, (uint)SftpStatusCode.PermissionDenied },
        { FileSystemError.InvalidPath, (uint)SftpStatusCode.PermissionDenied },
        { FileSystemError.AlreadyExists, (uint)SftpStatusCode.Failure },
        { FileSystemError.DirectoryNotEmpty, (uint)SftpStatusCode.Failure },
        { FileSystemError.NotADirectory, (uint)SftpStatusCode.NoSuchFile },
        { FileSystemError.IsADirectory, (uint)SftpStatusCode.Failure },
        { FileSystemError.NoSpace, (uint)SftpStatusCode.Failure },
        { FileSystemError.Failure, (uint)SftpStatusCode.Failure },
    };

    [Theory]
    [MemberData(nameof(Mapping))]
    public void Every_file_system_error_maps_to_a_status_code_and_keeps_its_message(FileSystemError error, uint expected)
    {
        var mapped = SftpErrorMapping.Map(new FileSystemException(error, "the reason"));

        Assert.Equal((SftpStatusCode)expected, mapped.Code);
        Assert.Equal("the reason", mapped.Message);
        Assert.False(mapped.Unexpected);
    }

    [Fact]
    public void Unexpected_exceptions_become_failures_without_their_internal_text()
    {
        var mapped = SftpErrorMapping.Map(new InvalidOperationException("secret internal state /var/lib/receiver"));

        Assert.Equal(SftpStatusCode.Failure, mapped.Code);
        Assert.DoesNotContain("/var/lib", mapped.Message);
        Assert.True(mapped.Unexpected);
    }

    [Fact]
    public async Task Stat_of_a_missing_file_is_no_such_file()
    {
        await using var harness = await StartAsync();
        var reply = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Stat, "/nope.jpg"));

        reply.AssertStatus(SftpStatusCode.NoSuchFile, "No such file");
    }

    [Fact]
    public async Task Remove_when_delete_is_off_is_permission_denied_and_the_file_stays()
    {
        File.WriteAllText(Storage.OnDisk("keep.jpg"), "x");
        await using var harness = await StartAsync();

        var reply = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Remove, "/keep.jpg"));

        reply.AssertStatus(SftpStatusCode.PermissionDenied, "may not do deleting");
        Assert.True(File.Exists(Storage.OnDisk("keep.jpg")));
    }

    [Fact]
    public async Task Open_for_read_when_download_is_off_is_permission_denied()
    {
        File.WriteAllText(Storage.OnDisk("snap.jpg"), "x");
        await using var harness = await StartAsync();

        var reply = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Open, harness.NextId()).String("/snap.jpg").UInt32((uint)SftpOpenFlags.Read).NoAttributes().Build());

        Assert.Equal(SftpStatusCode.PermissionDenied, reply.StatusCode);
    }

    [Fact]
    public async Task Mkdir_of_an_existing_folder_and_rmdir_of_a_full_one_fail_with_a_reason()
    {
        Storage.Permissions = CameraPermissions.Default | CameraPermissions.Delete;
        Directory.CreateDirectory(Storage.OnDisk("day"));
        File.WriteAllText(Storage.OnDisk("day/a.jpg"), "x");
        await using var harness = await StartAsync();

        var mkdir = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Mkdir, harness.NextId()).String("/day").NoAttributes().Build());
        var rmdir = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Rmdir, "/day"));

        mkdir.AssertStatus(SftpStatusCode.Failure, "Already exists");
        rmdir.AssertStatus(SftpStatusCode.Failure, "not empty");
    }

    [Fact]
    public async Task Links_unknown_requests_and_unknown_extensions_are_unsupported()
    {
        await using var harness = await StartAsync();

        var readlink = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Readlink, "/a"));
        var symlink = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Symlink, harness.NextId()).String("/a").String("/etc/passwd").Build());
        var unknown = await harness.RequestAsync(SftpPacketBuilder.Request((SftpPacketType)99, harness.NextId()).Build());
        var extension = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Extended, harness.NextId()).String("hardlink@openssh.com").String("/a").String("/b").Build());

        Assert.Equal(SftpStatusCode.OpUnsupported, readlink.StatusCode);
        Assert.Equal(SftpStatusCode.OpUnsupported, symlink.StatusCode);
        Assert.Equal(SftpStatusCode.OpUnsupported, unknown.StatusCode);
        Assert.Equal(SftpStatusCode.OpUnsupported, extension.StatusCode);
    }

    [Fact]
    public async Task Unknown_handles_and_handles_of_the_wrong_kind_fail()
    {
        await using var harness = await StartAsync();
        var upload = await harness.OpenAsync("/up.jpg", SftpOpenFlags.Write | SftpOpenFlags.Create);

        var bogus = await harness.RequestAsync(harness.Write([9, 9, 9, 9], 0, [1]));
        var readUpload = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Read, harness.NextId()).Bytes(upload).UInt64(0).UInt32(10).Build());

        Assert.Equal(SftpStatusCode.Failure, bogus.StatusCode);
        Assert.Equal("invalid handle", bogus.StatusMessage);
        readUpload.AssertStatus(SftpStatusCode.Failure, "not open for reading");
    }

    [Fact]
    public async Task A_path_that_is_not_UTF8_is_refused()
    {
        await using var harness = await StartAsync();

        var reply = await harness.RequestAsync(SftpPacketBuilder.Request(SftpPacketType.Stat, harness.NextId()).Bytes([0x2F, 0xC3, 0x28]).Build());

        reply.AssertStatus(SftpStatusCode.PermissionDenied, "UTF-8");
    }

    [Fact]
    public async Task A_request_that_throws_unexpectedly_gets_a_failure_and_the_session_goes_on()
    {
        var throwing = new FaultyFileSystem(Storage.Open()) { StatThrows = new NullReferenceException("bug") };
        await using var harness = new SftpSessionHarness(throwing);
        await harness.InitAsync();

        var failed = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Stat, "/boom"));
        var next = await harness.RequestAsync(harness.PathRequest(SftpPacketType.Realpath, "."));

        Assert.Equal(SftpStatusCode.Failure, failed.StatusCode);
        Assert.Equal("internal server error", failed.StatusMessage);
        Assert.Equal("/", Assert.Single(next.Names).Name);
    }

    private async Task<SftpSessionHarness> StartAsync()
    {
        var harness = new SftpSessionHarness(Storage.Open());
        await harness.InitAsync();
        return harness;
    }
}
