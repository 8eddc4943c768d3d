using System.Diagnostics;

namespace Receiver.Tests.Support;

/// <summary>
/// The real program (`dotnet receiver.dll`, or the one RECEIVER_EXE names) as a child process on loopback: its data
/// folder, FTP on the given port, sFTP and the web server off, its output read away. Dispose kills it with its
/// process tree and waits for it to end.
/// </summary>
internal sealed class ReceiverChildProcess : IAsyncDisposable
{
    private ReceiverChildProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <param name="settings">Environment variables (Section__Key) set on top of the loopback ones.</param>
    public static ReceiverChildProcess Start(string root, int ftpPort, IReadOnlyDictionary<string, string> settings)
    {
        var environment = LoopbackSettings.AsEnvironment(LoopbackSettings.For(root, sftpPort: 0, ftpPort));
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var (program, arguments) = ReceiverCommand.For(Path.Combine(AppContext.BaseDirectory, "receiver.dll"));
        var process = ExternalProcess.Start(program, arguments, environment);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ReceiverChildProcess(process);
    }

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Process.Dispose();
    }
}
