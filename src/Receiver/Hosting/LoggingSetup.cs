using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace Receiver.Hosting;

/// <summary>
/// Serilog from the documented <c>Serilog:*</c> keys, read by our own code: Serilog.Settings.Configuration finds
/// sinks and their arguments by reflection, which a NativeAOT build cannot keep. What is read: MinimumLevel (a
/// level, or Default and Override:&lt;source&gt;), WriteTo:N with Name Console (outputTemplate,
/// standardErrorFromLevel, restrictedToMinimumLevel) or File (path, outputTemplate, rollingInterval,
/// retainedFileCountLimit, fileSizeLimitBytes, rollOnFileSizeLimit, restrictedToMinimumLevel), Enrich
/// FromLogContext (always on) and Properties:&lt;name&gt;. Anything else stops the start naming its key, so a
/// setting is never silently ignored.
/// </summary>
internal static class LoggingSetup
{
    private const string Section = "Serilog";
    private const string DefaultTemplate = "[{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private static readonly string[] KnownKeys = ["Using", "MinimumLevel", "WriteTo", "Enrich", "Properties"];
    private static readonly string[] KnownSinkPackages = ["Serilog.Sinks.Console", "Serilog.Sinks.File"];

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        foreach (var child in section.GetChildren())
        {
            if (!KnownKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw Unsupported(child.Path);
            }
        }

        foreach (var package in section.GetSection("Using").GetChildren())
        {
            if (!KnownSinkPackages.Contains(package.Value, StringComparer.OrdinalIgnoreCase))
            {
                throw new StartFailureException($"{package.Path}: '{package.Value}' is not built in; the receiver writes to Console and File only");
            }
        }

        MinimumLevels(logger, section.GetSection("MinimumLevel"));
        logger.Enrich.FromLogContext();
        foreach (var enricher in section.GetSection("Enrich").GetChildren())
        {
            if (!string.Equals(enricher.Value, "FromLogContext", StringComparison.OrdinalIgnoreCase))
            {
                throw Unsupported(enricher.Path);
            }
        }

        foreach (var property in section.GetSection("Properties").GetChildren())
        {
            logger.Enrich.WithProperty(property.Key, property.Value ?? "");
        }

        var sinks = section.GetSection("WriteTo").GetChildren().ToList();
        if (sinks.Count == 0)
        {
            logger.WriteTo.Console(outputTemplate: DefaultTemplate);
        }

        foreach (var sink in sinks)
        {
            AddSink(logger, sink);
        }

        return logger;
    }

    private static void MinimumLevels(LoggerConfiguration logger, IConfigurationSection minimum)
    {
        if (minimum.Value is { } single)
        {
            logger.MinimumLevel.Is(Level(minimum.Path, single));
            return;
        }

        foreach (var child in minimum.GetChildren())
        {
            if (child.Key.Equals("Default", StringComparison.OrdinalIgnoreCase))
            {
                logger.MinimumLevel.Is(Level(child.Path, child.Value));
            }
            else if (child.Key.Equals("Override", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var source in child.GetChildren())
                {
                    logger.MinimumLevel.Override(source.Key, Level(source.Path, source.Value));
                }
            }
            else
            {
                throw Unsupported(child.Path);
            }
        }
    }

    private static void AddSink(LoggerConfiguration logger, IConfigurationSection sink)
    {
        var name = sink["Name"];
        var args = sink.GetSection("Args");
        var template = args["outputTemplate"] ?? DefaultTemplate;
        var restricted = OptionalLevel(args, "restrictedToMinimumLevel") ?? LogEventLevel.Verbose;
        if (string.Equals(name, "Console", StringComparison.OrdinalIgnoreCase))
        {
            OnlyArgs(args, "outputTemplate", "standardErrorFromLevel", "restrictedToMinimumLevel");
            logger.WriteTo.Console(
                restrictedToMinimumLevel: restricted,
                outputTemplate: template,
                standardErrorFromLevel: OptionalLevel(args, "standardErrorFromLevel"));
        }
        else if (string.Equals(name, "File", StringComparison.OrdinalIgnoreCase))
        {
            OnlyArgs(args, "path", "outputTemplate", "rollingInterval", "retainedFileCountLimit", "fileSizeLimitBytes", "rollOnFileSizeLimit", "restrictedToMinimumLevel");
            var path = args["path"];
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new StartFailureException($"{args.Path}:path must name the log file");
            }

            logger.WriteTo.File(
                path,
                restrictedToMinimumLevel: restricted,
                outputTemplate: template,
                fileSizeLimitBytes: OptionalLong(args, "fileSizeLimitBytes") ?? 1L * 1024 * 1024 * 1024,
                rollingInterval: Parse<RollingInterval>(args, "rollingInterval") ?? RollingInterval.Infinite,
                rollOnFileSizeLimit: OptionalBool(args, "rollOnFileSizeLimit") ?? false,
                retainedFileCountLimit: (int?)OptionalLong(args, "retainedFileCountLimit") ?? 31);
        }
        else
        {
            throw new StartFailureException($"{sink.Path}:Name: '{name}' is not built in; the receiver writes to Console and File only");
        }
    }

    private static void OnlyArgs(IConfigurationSection args, params string[] known)
    {
        foreach (var arg in args.GetChildren())
        {
            if (!known.Contains(arg.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw Unsupported(arg.Path);
            }
        }
    }

    private static LogEventLevel Level(string key, string? value) =>
        Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new StartFailureException($"{key} must be Verbose, Debug, Information, Warning, Error or Fatal (was '{value}')");

    private static LogEventLevel? OptionalLevel(IConfigurationSection args, string key) =>
        args[key] is { } value ? Level($"{args.Path}:{key}", value) : null;

    private static T? Parse<T>(IConfigurationSection args, string key)
        where T : struct, Enum =>
        args[key] switch
        {
            null => null,
            var value when Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            var value => throw new StartFailureException($"{args.Path}:{key} must be one of {string.Join(", ", Enum.GetNames<T>())} (was '{value}')"),
        };

    private static long? OptionalLong(IConfigurationSection args, string key) => args[key] switch
    {
        null => null,
        var value when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 => parsed,
        var value => throw new StartFailureException($"{args.Path}:{key} must be a positive whole number (was '{value}')"),
    };

    private static bool? OptionalBool(IConfigurationSection args, string key) => args[key] switch
    {
        null => null,
        var value when bool.TryParse(value, out var parsed) => parsed,
        var value => throw new StartFailureException($"{args.Path}:{key} must be true or false (was '{value}')"),
    };

    private static StartFailureException Unsupported(string key) =>
        new($"{key} is not a logging setting this receiver reads (README, Logging)");
}
