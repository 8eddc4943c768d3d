using System.Diagnostics;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>
/// OpenSSH's <c>sftp</c> in batch mode, talking SFTP directly (<c>-D</c>) to a relay that joins its stdin/stdout
/// to <see cref="SftpUnixSocketServer"/>: a real, independent client without SSH in between.
/// </summary>
internal sealed class OpenSshSftpClient(string folder, string socketPath, Action<string>? log = null)
{
    // Copies stdin to the socket and the socket to stdout; half-closes so the server sees the client's EOF.
    private const string RelayScript = """
        import os, socket, sys, threading
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sys.argv[1])
        def upstream():
            while True:
                data = os.read(0, 65536)
                if not data:
                    break
                s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        threading.Thread(target=upstream, daemon=True).start()
        out = sys.stdout.buffer
        while True:
            data = s.recv(65536)
            if not data:
                break
            out.write(data)
            out.flush()
        """;

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
    }

    /// <summary>Runs the batch; a command prefixed with '-' may fail without ending the batch (sftp(1)).</summary>
    public async Task<Result> RunAsync(params string[] commands)
    {
        var relay = Path.Combine(folder, "relay.py");
        if (!File.Exists(relay))
        {
            await File.WriteAllTextAsync(relay, RelayScript);
        }

        var batch = Path.Combine(folder, $"batch-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(batch, commands);
        var info = new ProcessStartInfo("sftp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "-b", batch, "-D", $"python3 {relay} {socketPath}" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sftp");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sftp did not finish: {await output} {await errors}");
        }

        var result = new Result(process.ExitCode, await output, await errors);
        log?.Invoke($"sftp batch:\n{string.Join('\n', commands)}\n{result}");
        return result;
    }
}
