namespace Receiver.Testing;

/// <summary>
/// How the tests start the real program as a child process: `dotnet receiver.dll` from the build, or the published
/// program named by RECEIVER_EXE (the NativeAOT build: scripts/test.sh runs these tests against it too).
/// </summary>
internal static class ReceiverCommand
{
    public const string Variable = "RECEIVER_EXE";

    /// <summary>The file to start and its arguments, for the build's <paramref name="dll"/> unless RECEIVER_EXE names another program.</summary>
    public static (string FileName, List<string> Arguments) For(string dll, params string[] arguments)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } program)
        {
            if (!File.Exists(program))
            {
                throw new FileNotFoundException($"{Variable} names {program}, which does not exist.", program);
            }

            return (program, [.. arguments]);
        }

        return ("dotnet", [dll, .. arguments]);
    }
}
