using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receiver.Accounts;
using Receiver.Hosting;

namespace Receiver.Testing;

/// <summary>
/// The receiver's real host services (accounts, lockout, jailed daily-layout storage, keys, session journal) on a
/// temporary Storage:Root, for fixtures that wire one protocol server to them on loopback. Linked into the FTP and
/// SSH test projects.
/// </summary>
internal sealed class TestReceiverHost : IDisposable
{
    private readonly TempFolder _root;
    private readonly IHost _host;

    private TestReceiverHost(TempFolder root, IHost host)
    {
        _root = root;
        _host = host;
    }

    public string Root => _root.Path;

    public IServiceProvider Services => _host.Services;

    public AccountStore Accounts => Services.GetRequiredService<AccountStore>();

    /// <summary>
    /// A host on a new temporary root; the service's own listeners stay off (port 0) so the fixture starts its server.
    /// <paramref name="time"/> replaces the host's clock (storage days, midnight) for fake-clock tests.
    /// </summary>
    public static TestReceiverHost Create(string folderPrefix, IDictionary<string, string?>? config = null, TimeProvider? time = null)
    {
        var root = new TempFolder(folderPrefix);
        var overrides = new Dictionary<string, string?>(config ?? new Dictionary<string, string?>())
        {
            ["Storage:Root"] = root.Path,
            ["Ftp:Port"] = "0",
            ["Ssh:Port"] = "0",
            ["Web:Port"] = "0",
        };
        var builder = ReceiverHost.CreateBuilder(overrides);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        return new TestReceiverHost(root, builder.Build());
    }

    /// <summary>Adds a camera with a password; <paramref name="adjust"/> sets anything else (permissions, keys, TLS).</summary>
    public CameraAccount AddCamera(string name, string password, Func<CameraAccount, CameraAccount>? adjust = null)
    {
        var account = new CameraAccount { Name = name, PasswordHash = PasswordHasher.Hash(password) };
        return Accounts.Add(adjust is null ? account : adjust(account));
    }

    /// <summary>Where the camera's "/" is on disk on <paramref name="day"/> (yyyy-MM-dd): &lt;root&gt;/&lt;camera&gt;/&lt;day&gt;.</summary>
    public string DayFolder(string camera, string day) => Path.Combine(Root, camera, day);

    /// <summary>Where a completed upload lands in the daily layout: &lt;root&gt;/&lt;camera&gt;/&lt;yyyy-MM-dd&gt;/&lt;path the camera used&gt;.</summary>
    public string FinalPath(string camera, string file)
    {
        var today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = Path.Combine(Root, camera, today, file);

        // An upload that completed just before midnight went into the previous day.
        var early = Path.Combine(Root, camera, yesterday, file);
        return !File.Exists(path) && File.Exists(early) ? early : path;
    }

    /// <summary>Every file under the camera's folder, hidden or not (to prove a broken upload left nothing).</summary>
    public IReadOnlyList<string> FilesOf(string camera)
    {
        var folder = Path.Combine(Root, camera);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public void Dispose()
    {
        _host.Dispose();
        _root.Dispose();
    }
}
