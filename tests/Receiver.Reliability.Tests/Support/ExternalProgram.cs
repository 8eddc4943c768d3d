using System.Diagnostics;
using System.Text;

namespace Receiver.Reliability.Tests.Support;

/// <summary>A real client program (curl, python3, mount) run as a child process with its output captured.</summary>
public sealed class ExternalProgram : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalProgram(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ExternalProgram Start(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var started = new ExternalProgram(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs to the end and returns the exit code; output in <see cref="Output"/>.</summary>
    public static async Task<ExternalProgram> RunAsync(string program, params string[] args)
    {
        var run = Start(program, args);
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        return run;
    }

    public async Task WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout.TotalSeconds:F0} s: {Output}");
        }

        // The asynchronous readers may still hold the last lines: WaitForExit() without a timeout drains them.
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
