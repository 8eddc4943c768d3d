using Receiver.Tests.Support;
using Receiver.Testing;

namespace Receiver.Tests.Hosting;

/// <summary>The documented Serilog:* keys, read by the receiver's own code (the NativeAOT build has no reflection-based settings reader).</summary>
public sealed class LoggingSetupTests : DataFolderTests
{
    [Fact]
    public async Task The_file_sink_gets_the_service_log_in_the_configured_template_and_an_override_quiets_a_source()
    {
        var ftp = FreePort.Get();
        var logFile = Temp.Combine("logs", "receiver.log");
        await using var receiver = ReceiverChildProcess.Start(Paths.Root, ftp, new Dictionary<string, string>
        {
            ["Serilog__WriteTo__1__Name"] = "File",
            ["Serilog__WriteTo__1__Args__path"] = logFile,
            ["Serilog__WriteTo__1__Args__outputTemplate"] = "file-sink {Level:u3} {SourceContext}: {Message:lj}{NewLine}",
            // The key store's "Created SSH host key" lines (source Receiver.Keys.*) are quieted; the others are not.
            ["Serilog__MinimumLevel__Override__Receiver.Keys"] = "Warning",
        });

        string Log() => File.Exists(logFile) ? ReadShared(logFile) : "";
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!Log().Contains($"listening on 127.0.0.1:{ftp}", StringComparison.Ordinal))
        {
            Assert.False(receiver.Process.HasExited, $"The receiver exited with {(receiver.Process.HasExited ? receiver.Process.ExitCode : 0)}.");
            Assert.True(DateTime.UtcNow < deadline, $"No 'listening' line in the log file:\n{Log()}");
            await Task.Delay(100);
        }

        Assert.Contains("file-sink INF Receiver.Hosting.StartupService: Receiver starting", Log());
        Assert.DoesNotContain("Created SSH host key", Log());
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}
