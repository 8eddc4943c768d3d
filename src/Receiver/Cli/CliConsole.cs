namespace Receiver.Cli;

/// <summary>The standard streams a CLI verb talks to (replaceable in tests).</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System => new(Console.In, Console.Out, Console.Error);
}
