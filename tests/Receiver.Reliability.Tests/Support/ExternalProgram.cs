using System.Diagnostics;
using System.Text;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A child process that runs while the test goes on (a real client such as curl or python3, mount, the receiver
/// itself), started through <see cref="ExternalProcess.Start"/>, with standard output and error collected as they come.
/// </summary>
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

    public int Pid => _process.Id;

    public static ExternalProgram Start(string program, params string[] args) => Watch(ExternalProcess.Start(program, args));

    /// <summary>Collects the output of a process <see cref="ExternalProcess.Start"/> started; its standard input gets end-of-file.</summary>
    public static ExternalProgram Watch(Process process)
    {
        var started = new ExternalProgram(process);
        process.StandardInput.Close();
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

    /// <summary>SIGKILL: no stop handlers, no flush, the way a power cut or the OOM killer ends it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
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
