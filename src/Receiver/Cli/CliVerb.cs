namespace Receiver.Cli;

/// <summary>One option of a verb: its name, the value it takes, and its line in --help and the README.</summary>
/// <param name="Value">The value's placeholder ("FILE"); null for a flag.</param>
/// <param name="ValueOptional">A flag that may be followed by a value ("--require-tls" or "--require-tls false").</param>
internal sealed record CliOption(string Name, string? Value, string Help, bool ValueOptional = false)
{
    public static CliOption Flag(string name, string help) => new(name, null, help);

    public static CliOption With(string name, string value, string help) => new(name, value, help);

    /// <summary>"--quota-mb N", "--require-tls [true|false]".</summary>
    public string Synopsis => Value is null ? Name : ValueOptional ? $"{Name} [{Value}]" : $"{Name} {Value}";
}

/// <summary>
/// One command-line verb, the single place it is declared: parsing, --help and the README's table are derived from it.
/// </summary>
/// <param name="Argument">The placeholder of its argument ("NAME"); null when it takes none.</param>
/// <param name="NeedsHost">False when it needs only the configuration (no logging, keys, accounts).</param>
internal sealed record CliVerb(string Name, string? Argument, string Summary, bool NeedsHost, IReadOnlyList<CliOption> Options, CliVerb.Handler Run)
{
    public delegate Task<int> Handler(CommandLine line, IServiceProvider services, CliConsole console);

    /// <summary>"--add-camera NAME [options]".</summary>
    public string Synopsis => Name + (Argument is null ? "" : " " + Argument) + Options.Count switch
    {
        0 => "",
        1 => " [" + Options[0].Synopsis + "]",
        _ => " [options]",
    };

    public CliOption? Find(string name) => Options.FirstOrDefault(o => o.Name == name);
}
