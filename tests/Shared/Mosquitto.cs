using System.Diagnostics;
using System.Text;

namespace Receiver.Testing;

/// <summary>
/// Debian's mosquitto broker on a free loopback port with its own config file and persistence folder. It can be
/// stopped (SIGTERM: it saves its database) and started again on the same port, as a broker restart. Linked into
/// the test projects that check events against a real broker.
/// </summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string Program = "/usr/sbin/mosquitto";

    private readonly TempFolder _folder;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private Mosquitto(TempFolder folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

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

    public static async Task<Mosquitto> StartAsync()
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} is missing: install the Debian package mosquitto (scripts/test.sh does).");
        }

        var folder = new TempFolder("mosquitto-");
        var broker = new Mosquitto(folder, FreePort.Get());
        await File.WriteAllTextAsync(folder.Combine("mosquitto.conf"), $"""
            listener {broker.Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {folder.Path}/
            autosave_interval 1
            user {Environment.UserName}
            log_type error
            log_type warning
            log_type notice
            """);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port with the same database.</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(_folder.Combine("mosquitto.conf"));
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start.");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var listening = FreePort.WaitForListenerAsync(Port);
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(listening, exited) == exited)
        {
            throw new InvalidOperationException($"mosquitto exited at start:\n{Log}");
        }

        await listening;
    }

    /// <summary>SIGTERM: the broker saves its database and exits; clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Posix.Terminate(_process.Id);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        public static void Terminate(int pid) => _ = Kill(pid, 15);
    }
}
