using Receiver.Accounts;

namespace Receiver.Testing;

/// <summary>
/// What the FTP and SSH host fixtures share: one protocol server wired to a <see cref="TestReceiverHost"/>, the host's
/// accounts and daily-layout paths, and stopping the server before the host and its folder go. Linked into the FTP
/// and SSH test projects beside <see cref="TestReceiverHost"/>.
/// </summary>
internal abstract class HostServerFixture(TestReceiverHost host) : IAsyncDisposable
{
    public string Root => Host.Root;

    public AccountStore Accounts => Host.Accounts;

    /// <summary>The client side's files (keys, files to upload), removed with the fixture.</summary>
    public TempFolder Scratch { get; } = new("receiver-client-");

    protected TestReceiverHost Host { get; } = host;

    /// <inheritdoc cref="TestReceiverHost.DayFolder"/>
    public string DayFolder(string camera, string day) => Host.DayFolder(camera, day);

    /// <inheritdoc cref="TestReceiverHost.FinalPath"/>
    public string FinalPath(string camera, string file) => Host.FinalPath(camera, file);

    /// <inheritdoc cref="TestReceiverHost.FilesOf"/>
    public IReadOnlyList<string> FilesOf(string camera) => Host.FilesOf(camera);

    /// <summary>Uploads staged under .receiver/incoming and not committed: an aborted or refused upload leaves none.</summary>
    public string[] StagedFiles() => Directory.GetFiles(System.IO.Path.Combine(Root, ".receiver", "incoming"));

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        Host.Dispose();
        Scratch.Dispose();
    }

    /// <summary>Stops the protocol server; the host and its folder are disposed after it.</summary>
    protected abstract ValueTask StopServerAsync();
}
