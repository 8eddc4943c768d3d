using Receiver.Cli;

namespace Receiver.Tests.Support;

/// <summary>Runs the program's entry logic in-process, as `receiver ARGS` would, against a data folder.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string root, string[] args, string input = "", IDictionary<string, string?>? config = null)
    {
        var overrides = new Dictionary<string, string?>(config ?? new Dictionary<string, string?>())
        {
            ["Storage:Root"] = root,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ReceiverProgram.RunAsync(args, new CliConsole(new StringReader(input), output, error), overrides);
        return new Result(code, output.ToString(), error.ToString());
    }
}
