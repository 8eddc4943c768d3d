using System.Globalization;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// The real receiver (`dotnet receiver.dll`, or the program RECEIVER_EXE names) as a child process on loopback, with its own free FTP and sFTP ports,
/// as a camera owner runs it. Reads back its log and its resident memory; can be killed hard and restarted.
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly ExternalProgram _process;

    private ReceiverProcess(ExternalProgram process, int ftpPort, int sftpPort)
    {
        _process = process;
        FtpPort = ftpPort;
        SftpPort = sftpPort;
    }

    /// <summary>True once the host wires the SSH server in (Receiver.Hosting.SshServerService exists).</summary>
    public static bool HasSftp { get; } = typeof(Receiver.Hosting.FtpServerService).Assembly.GetType("Receiver.Hosting.SshServerService") is not null;

    public int FtpPort { get; }

    public int SftpPort { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    public string Log => _process.Output;

    public static async Task<ReceiverProcess> StartAsync(string root, IDictionary<string, string>? settings = null, int? ftpPort = null, int? sftpPort = null)
    {
        var ftp = ftpPort ?? FreePort.Get();
        var sftp = HasSftp ? sftpPort ?? FreePort.Get() : 0;
        var (program, arguments) = Command();
        var receiver = new ReceiverProcess(ExternalProgram.Watch(ExternalProcess.Start(program, arguments, Environment(root, settings, ftp, sftp))), ftp, sftp);
        try
        {
            await receiver.WaitListeningAsync();
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }

        return receiver;
    }

    /// <summary>Runs a receiver that is expected to stop at start; returns its exit code and its standard error.</summary>
    public static async Task<(int ExitCode, string StandardError)> RunUntilExitAsync(string root, int ftpPort, int sftpPort, IDictionary<string, string>? settings = null)
    {
        var (program, arguments) = Command();
        var result = await ExternalProcess.RunAsync(program, arguments, environment: Environment(root, settings, ftpPort, sftpPort));
        return (result.ExitCode, result.StandardError);
    }

    private static (string Program, List<string> Arguments) Command() => ReceiverCommand.For(Path.Combine(AppContext.BaseDirectory, "receiver.dll"));

    private static Dictionary<string, string> Environment(string root, IDictionary<string, string>? settings, int ftp, int sftp)
    {
        var environment = LoopbackSettings.AsEnvironment(LoopbackSettings.For(root, sftp, ftp));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Resident memory of the receiver process in kB, as `ps` or `top` would show it.</summary>
    public long RssKilobytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("No VmRSS line.");
    }

    /// <summary>SIGKILL: no stop handlers, no flush, the way a power cut or the OOM killer ends it.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitListeningAsync()
    {
        bool Listening(int port) => port == 0 || Log.Contains($"listening on 127.0.0.1:{port}", StringComparison.Ordinal);
        await Poll.UntilAsync(() => _process.HasExited || (Listening(FtpPort) && Listening(SftpPort)), TimeSpan.FromSeconds(60), "the receiver's listening log lines");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The receiver exited with {_process.ExitCode} at start:\n{Log}");
        }
    }
}
