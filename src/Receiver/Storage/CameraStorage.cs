using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Events;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>Opens jailed per-camera file systems for the protocol servers and keeps the incoming folder clean.</summary>
public sealed class CameraStorage
{
    private readonly DataPaths _paths;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly UploadEventRecorder? _events;
    private readonly ILogger _logger;

    public CameraStorage(DataPaths paths, IOptions<StorageOptions> options, QuotaLedger quota, TimeProvider time, UploadEventRecorder events, ILogger<CameraStorage> logger)
        : this(paths, options.Value, quota, time, events, logger)
    {
    }

    /// <summary>For tools and tests: storage under <paramref name="root"/> without the host.</summary>
    public CameraStorage(string root, StorageLayout layout = StorageLayout.Daily, TimeProvider? time = null)
        : this(root, new StorageOptions { Layout = layout == StorageLayout.Camera ? "camera" : "daily" }, time)
    {
    }

    /// <summary>For tools and tests: storage under <paramref name="root"/> with the given options (quota, grace window).</summary>
    public CameraStorage(string root, StorageOptions options, TimeProvider? time = null)
        : this(new DataPaths(root), options, new QuotaLedger(new DataPaths(root), options, time ?? TimeProvider.System), time ?? TimeProvider.System, null, NullLogger.Instance)
    {
    }

    private CameraStorage(DataPaths paths, StorageOptions options, QuotaLedger quota, TimeProvider time, UploadEventRecorder? events, ILogger logger)
    {
        _paths = paths;
        _options = options;
        Quota = quota;
        _time = time;
        _events = events;
        _logger = logger;
        _paths.EnsureCreated();
    }

    public DataPaths Paths => _paths;

    /// <summary>Each camera's use against its quota.</summary>
    public QuotaLedger Quota { get; }

    /// <summary>The file system of one authenticated session over <paramref name="protocol"/>.</summary>
    public ISessionFileSystem OpenSession(CameraAccount account, CameraProtocols protocol, EndPoint? remote)
    {
        Directory.CreateDirectory(_paths.CameraFolder(account.Name));
        return new CameraFileSystem(account, _paths, _options, Quota, _time, _events, protocol, remote);
    }

    /// <summary>Removes temporaries of uploads that a crash or kill interrupted; none of them was ever visible.</summary>
    public int RemoveLeftoverUploads()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(_paths.IncomingFolder, "*.part"))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not remove the leftover upload {File}", file);
            }
        }

        if (removed > 0)
        {
            _logger.LogInformation("Removed {Count} unfinished uploads left by an earlier run", removed);
        }

        return removed;
    }
}
