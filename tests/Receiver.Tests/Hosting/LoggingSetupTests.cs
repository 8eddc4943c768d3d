using System.Globalization;
using Receiver.Tests.Support;
using Receiver.Testing;

namespace Receiver.Tests.Hosting;

/// <summary>The documented Serilog:* keys, read by the receiver's own code (the NativeAOT build has no reflection-based settings reader).</summary>
public sealed class LoggingSetupTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task The_file_sink_gets_the_service_log_in_the_configured_template_and_an_override_quiets_a_source()
    {
        var ftp = FreePort.Get();
        var logFile = _temp.Combine("logs", "receiver.log");
        var environment = new Dictionary<string, string>
        {
            ["Storage__Root"] = _temp.Combine("data"),
            ["Ssh__Port"] = "0",
            ["Ftp__Port"] = ftp.ToString(CultureInfo.InvariantCulture),
            ["Ftp__ListenAddress"] = "127.0.0.1",
            ["Ftp__PassivePorts"] = "",
            ["Web__Port"] = "0",
            ["Serilog__WriteTo__1__Name"] = "File",
            ["Serilog__WriteTo__1__Args__path"] = logFile,
            ["Serilog__WriteTo__1__Args__outputTemplate"] = "file-sink {Level:u3} {SourceContext}: {Message:lj}{NewLine}",
            // The key store's "Created SSH host key" lines (source Receiver.Keys.*) are quieted; the others are not.
            ["Serilog__MinimumLevel__Override__Receiver.Keys"] = "Warning",
        };
        var (program, arguments) = ReceiverCommand.For(Path.Combine(AppContext.BaseDirectory, "receiver.dll"));
        using var process = ExternalProcess.Start(program, arguments, environment);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            string Log() => File.Exists(logFile) ? ReadShared(logFile) : "";
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!Log().Contains($"listening on 127.0.0.1:{ftp}", StringComparison.Ordinal))
            {
                Assert.False(process.HasExited, $"The receiver exited with {(process.HasExited ? process.ExitCode : 0)}.");
                Assert.True(DateTime.UtcNow < deadline, $"No 'listening' line in the log file:\n{Log()}");
                await Task.Delay(100);
            }

            Assert.Contains("file-sink INF Receiver.Hosting.StartupService: Receiver starting", Log());
            Assert.DoesNotContain("Created SSH host key", Log());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    public void Dispose() => _temp.Dispose();
}
