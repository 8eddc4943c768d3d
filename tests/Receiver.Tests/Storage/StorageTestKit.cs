namespace Receiver.Tests.Storage;

/// <summary>A data root on a fake clock (UTC) with helpers to upload, plant old data and read what is on disk.</summary>
public sealed class StorageTestKit : IDisposable
{
    private readonly TempFolder _temp = new();

    public StorageTestKit(DateTimeOffset now, StorageOptions? options = null)
    {
        Time = new FakeTimeProvider(now);
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        Options = options ?? new StorageOptions();
        Options.Root = _temp.Combine("data");
        Storage = new CameraStorage(Options.Root, Options, Time);
    }

    public FakeTimeProvider Time { get; }

    public StorageOptions Options { get; }

    public CameraStorage Storage { get; }

    public string Root => Options.Root;

    public ISessionFileSystem Session(string camera = "cam1", CameraPermissions permissions = CameraPermissions.Default, long? quotaMegabytes = null) =>
        Storage.OpenSession(TestAccounts.Camera(camera, permissions) with { QuotaMegabytes = quotaMegabytes }, CameraProtocols.Ftp, null);

    public string OnDisk(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes a file straight to disk (data of an earlier day or run), dated <paramref name="written"/>.</summary>
    public string Plant(string relative, int size, DateTimeOffset? written = null)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Bytes(size));
        File.SetLastWriteTimeUtc(path, (written ?? Time.GetUtcNow()).UtcDateTime);
        return path;
    }

    public IReadOnlyList<string> Incoming() => Directory.GetFiles(Storage.Paths.IncomingFolder);

    public static async Task<CommittedUpload> UploadAsync(ISessionFileSystem fs, string path, byte[] bytes, long keep = 0, long at = -1)
    {
        await using var upload = fs.BeginUpload(path, keep);
        await upload.WriteAsync(at < 0 ? keep : at, bytes);
        return await fs.CommitUploadAsync(upload);
    }

    public static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => _temp.Dispose();
}
