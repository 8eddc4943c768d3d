using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// The real receiver (`dotnet receiver.dll`, or the program RECEIVER_EXE names) as a child process on loopback, with its own free FTP and sFTP ports,
/// as a camera owner runs it. Reads back its log and its resident memory; can be killed hard and restarted.
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ReceiverProcess(Process process, int ftpPort, int sftpPort)
    {
        _process = process;
        FtpPort = ftpPort;
        SftpPort = sftpPort;
    }

    /// <summary>True once the host wires the SSH server in (Receiver.Hosting.SshServerService exists).</summary>
    public static bool HasSftp { get; } = typeof(Receiver.Hosting.FtpServerService).Assembly.GetType("Receiver.Hosting.SshServerService") is not null;

    public int FtpPort { get; }

    public int SftpPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ReceiverProcess> StartAsync(string root, IDictionary<string, string>? settings = null, int? ftpPort = null, int? sftpPort = null)
    {
        var ftp = ftpPort ?? FreePort.Get();
        var sftp = HasSftp ? sftpPort ?? FreePort.Get() : 0;
        var process = Process.Start(StartInfo(root, settings, ftp, sftp)) ?? throw new InvalidOperationException("Could not start the receiver.");
        var receiver = new ReceiverProcess(process, ftp, sftp);
        process.OutputDataReceived += (_, e) => receiver.Append(e.Data);
        process.ErrorDataReceived += (_, e) => receiver.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
        var info = StartInfo(root, settings, ftpPort, sftpPort);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the receiver.");
        var standardError = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("The receiver did not stop within 60 s although its start should fail.");
        }

        return (process.ExitCode, await standardError);
    }

    private static ProcessStartInfo StartInfo(string root, IDictionary<string, string>? settings, int ftp, int sftp)
    {
        var (program, arguments) = ReceiverCommand.For(Path.Combine(AppContext.BaseDirectory, "receiver.dll"));
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Storage__Root"] = root;
        info.Environment["Ftp__Port"] = ftp.ToString(CultureInfo.InvariantCulture);
        info.Environment["Ftp__ListenAddress"] = "127.0.0.1";
        info.Environment["Ftp__PassivePorts"] = "";
        info.Environment["Ssh__Port"] = sftp.ToString(CultureInfo.InvariantCulture);
        info.Environment["Ssh__ListenAddress"] = "127.0.0.1";
        info.Environment["Web__Port"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
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
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
