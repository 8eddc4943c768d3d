namespace Receiver.Cli;

/// <summary>
/// The parsed command line: one verb ("--add-camera"), its argument, and options. Options are
/// "--name value" unless listed as flags; repeats are kept ("--authorized-key a --authorized-key b").
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

    /// <summary>Parses <paramref name="args"/> for a verb from <paramref name="verbs"/> (verb name → takes an argument).</summary>
    public static CommandLine Parse(string[] args, IReadOnlyDictionary<string, bool> verbs, IReadOnlySet<string> flags)
    {
        if (args.Length == 0 || !verbs.TryGetValue(args[0], out var takesArgument))
        {
            throw new UsageException(args.Length == 0 ? "No command given." : $"Unknown command '{args[0]}'.");
        }

        var index = 1;
        string? argument = null;
        if (takesArgument)
        {
            if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"{args[0]} needs a value.");
            }

            argument = args[1];
            index = 2;
        }

        var line = new CommandLine(args[0], argument);
        for (; index < args.Length; index++)
        {
            var name = args[index];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Unexpected argument '{name}'.");
            }

            if (flags.Contains(name))
            {
                line.Add(name, "true");
                continue;
            }

            if (index + 1 >= args.Length)
            {
                throw new UsageException($"{name} needs a value.");
            }

            line.Add(name, args[++index]);
        }

        return line;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>Fails on any option the verb does not know, naming it.</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var name in _options.Keys)
        {
            if (!names.Contains(name))
            {
                throw new UsageException($"{Verb} does not take {name}.");
            }
        }
    }

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
