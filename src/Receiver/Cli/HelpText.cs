using System.Text;

namespace Receiver.Cli;

/// <summary>--help and the README's command table, both rendered from <see cref="Verbs.All"/>.</summary>
internal static class HelpText
{
    private const int Column = 42;

    public static string Usage { get; } = RenderUsage();

    /// <summary>The "Command line" table of README.md (a test checks that the README has it as rendered here).</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder();
        text.Append("| command | option | what it does |\n|---|---|---|\n");
        text.Append("| `receiver` | | run the service |\n");
        foreach (var verb in Verbs.All)
        {
            text.Append($"| `receiver {verb.Name}{(verb.Argument is null ? "" : " " + verb.Argument)}` | | {Cell(verb.Summary)} |\n");
            foreach (var option in verb.Options)
            {
                text.Append($"| | `{Cell(option.Synopsis)}` | {Cell(option.Help)} |\n");
            }
        }

        return text.ToString();
    }

    private static string RenderUsage()
    {
        var text = new StringBuilder();
        text.Append("receiver - receives camera uploads over sFTP, FTPS and FTP\n\nUsage:\n");
        Line(text, "  receiver", "run the service (configuration: appsettings.json, environment Section__Key)");
        foreach (var verb in Verbs.All)
        {
            Line(text, "  receiver " + verb.Synopsis, verb.Summary);
            foreach (var option in verb.Options)
            {
                Line(text, "      " + option.Synopsis, option.Help);
            }
        }

        text.Append("\nCamera names: lower-case letters, digits, '-' and '_', up to 32 characters.\n");
        text.Append("Exit codes: 0 done, 1 failed, 2 configuration error, 64 bad command line.");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string left, string help) =>
        text.Append(left.Length < Column ? left.PadRight(Column) : left + "  ").Append(help).Append('\n');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
