using System.Diagnostics;
using System.Text;

namespace Receiver.Tests.Hosting;

public sealed class ServiceLifecycleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task An_empty_data_folder_gets_keys_and_folders_and_SIGTERM_stops_the_service_cleanly()
    {
        var root = _temp.Combine("data");
        var environment = new Dictionary<string, string>
        {
            ["Storage__Root"] = root,
            ["Ssh__Port"] = "0",
            ["Ftp__Port"] = "0",
            ["Web__Port"] = "0",
        };
        var (program, arguments) = ReceiverCommand.For(Path.Combine(AppContext.BaseDirectory, "receiver.dll"));
        using var process = ExternalProcess.Start(program, arguments, environment);
        var log = new StringBuilder();
        var started = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("SSH host key SHA256:", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await started.Task.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(File.Exists(Path.Combine(root, ".receiver", "keys", "ssh_host_ed25519_key")));
        Assert.True(File.Exists(Path.Combine(root, ".receiver", "keys", "ftps.crt")));
        Assert.True(Directory.Exists(Path.Combine(root, ".receiver", "incoming")));
        var fingerprint = File.ReadAllText(Path.Combine(root, ".receiver", "keys", "ssh_host_ed25519_key.pub"));
        Assert.Contains("SSH host key SHA256:", log.ToString());

        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, process.ExitCode);
        Assert.NotNull(fingerprint);
    }

    public void Dispose() => _temp.Dispose();
}
