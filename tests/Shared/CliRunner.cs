using Receiver.Cli;

namespace Receiver.Testing;

/// <summary>
/// Runs the program's entry logic in-process, as `receiver ARGS` would, with the test's configuration on top of the
/// defaults. Linked into the test projects that run the CLI or a service start that must refuse.
/// </summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs against the data folder <paramref name="root"/> (Storage:Root) with <paramref name="config"/> on top.</summary>
    public static Task<Result> RunAsync(string root, string[] args, string input = "", IDictionary<string, string?>? config = null) =>
        RunAsync(new Dictionary<string, string?>(config ?? new Dictionary<string, string?>()) { ["Storage:Root"] = root }, args, input);

    /// <summary>Runs with exactly <paramref name="configuration"/> (it names Storage:Root itself).</summary>
    public static async Task<Result> RunAsync(IDictionary<string, string?> configuration, string[] args, string input = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ReceiverProgram.RunAsync(args, new CliConsole(new StringReader(input), output, error), configuration);
        return new Result(code, output.ToString(), error.ToString());
    }
}
