namespace Receiver.Cli;

/// <summary>
/// The parsed command line: one verb ("--add-camera"), its argument, and the options its <see cref="CliVerb"/>
/// declares; repeats are kept ("--authorized-key a --authorized-key b"). A flag's value is "true".
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandLine(string verb, string? argument)
    {
        Verb = verb;
        Argument = argument;
    }

    public string Verb { get; }

    public string? Argument { get; }

    /// <summary>Parses <paramref name="args"/> for <paramref name="verb"/> (found by <c>args[0]</c>).</summary>
    internal static CommandLine Parse(string[] args, CliVerb verb)
    {
        var index = 1;
        string? argument = null;
        if (verb.Argument is not null)
        {
            if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"{args[0]} needs a value.");
            }

            argument = args[1];
            index = 2;
        }

        var line = new CommandLine(verb.Name, argument);
        for (; index < args.Length; index++)
        {
            var name = args[index];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Unexpected argument '{name}'.");
            }

            var option = verb.Find(name) ?? throw new UsageException($"{verb.Name} does not take {name}.");
            var hasValue = index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal);
            if (option.Value is null || (option.ValueOptional && !hasValue))
            {
                line.Add(name, "true");
            }
            else if (index + 1 >= args.Length)
            {
                throw new UsageException($"{name} needs a value.");
            }
            else
            {
                line.Add(name, args[++index]);
            }
        }

        return line;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var values) ? values : [];

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }
}

/// <summary>A command line the program cannot run; the message says what is wrong.</summary>
public sealed class UsageException(string message) : Exception(message);
