using System.Globalization;
using Receiver.Tests.Support;
using Receiver.Testing;

namespace Receiver.Tests.Hosting;

/// <summary>The documented Serilog:* keys, read by the receiver's own code (the NativeAOT build has no reflection-based settings reader).</summary>
public sealed class LoggingSetupTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("Serilog:WriteTo:0:Name", "Seq", "Serilog:WriteTo:0:Name: 'Seq' is not built in")]
    [InlineData("Serilog:MinimumLevel:Default", "Loud", "Serilog:MinimumLevel:Default must be Verbose, Debug, Information, Warning, Error or Fatal")]
    [InlineData("Serilog:MinimumLevel:Override:Receiver", "Chatty", "Serilog:MinimumLevel:Override:Receiver must be")]
    [InlineData("Serilog:Filter:0:Name", "ByExcluding", "Serilog:Filter is not a logging setting")]
    [InlineData("Serilog:WriteTo:0:Args:theme", "Literate", "Serilog:WriteTo:0:Args:theme is not a logging setting")]
    [InlineData("Serilog:Using:0", "Serilog.Sinks.Seq", "Serilog:Using:0: 'Serilog.Sinks.Seq' is not built in")]
    public async Task A_logging_setting_it_cannot_honour_stops_the_start_naming_the_key(string key, string value, string message)
    {
        var result = await CliRunner.RunAsync(_temp.Combine("data"), [], config: new Dictionary<string, string?> { [key] = value }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

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
