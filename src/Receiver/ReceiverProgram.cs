using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Receiver.Cli;
using Microsoft.Extensions.Logging;
using Receiver.Hosting;
using Receiver.Options;

namespace Receiver;

/// <summary>Entry point logic: no arguments runs the service; a verb runs once and exits.</summary>
public static class ReceiverProgram
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitConfiguration = 2;
    public const int ExitUsage = 64;

    public static async Task<int> RunAsync(string[] args, CliConsole console, IDictionary<string, string?>? configOverrides = null)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            // Before any configuration is read: help works whatever the settings are.
            console.Out.WriteLine(HelpText.Usage);
            return ExitOk;
        }

        try
        {
            return args.Length == 0
                ? await RunServiceAsync(configOverrides)
                : await RunVerbAsync(args, console, configOverrides);
        }
        catch (UsageException ex)
        {
            console.Error.WriteLine($"receiver: {ex.Message}");
            console.Error.WriteLine("Try 'receiver --help'.");
            return ExitUsage;
        }
        catch (StartFailureException ex)
        {
            // Something the owner must fix (a port taken, a key unreadable): one line, no stack trace.
            console.Error.WriteLine($"receiver: {ex.Message}");
            return ExitConfiguration;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                console.Error.WriteLine($"Configuration error: {failure}");
            }

            return ExitConfiguration;
        }
        catch (ConfigurationException ex)
        {
            // The binder's own message names the key, e.g. "Failed to convert configuration value at 'Ftp:Port' to type 'System.Int32'".
            console.Error.WriteLine($"Configuration error: {ex.Message}");
            return ExitConfiguration;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            console.Error.WriteLine($"receiver: {ex.Message}");
            return ExitFailure;
        }
    }

    private static async Task<int> RunServiceAsync(IDictionary<string, string?>? configOverrides)
    {
        using var host = ReceiverHost.CreateBuilder(configOverrides).Build();
        ValidateOptions(host.Services);
        await host.RunAsync();
        return ExitOk;
    }

    private static async Task<int> RunVerbAsync(string[] args, CliConsole console, IDictionary<string, string?>? configOverrides)
    {
        var verb = Verbs.Find(args[0]);
        var line = CommandLine.Parse(args, verb);

        // One-shot runs log only problems, to standard error, so their output stays readable and scriptable.
        var overrides = new Dictionary<string, string?>(configOverrides ?? new Dictionary<string, string?>())
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose",
        };
        if (!verb.NeedsHost)
        {
            using var configurationOnly = new ServiceCollection().AddSingleton(ReceiverHost.CreateConfiguration(overrides)).BuildServiceProvider();
            return await verb.Run(line, configurationOnly, console);
        }

        using var host = ReceiverHost.CreateBuilder(overrides).Build();
        ValidateOptions(host.Services);
        return await verb.Run(line, host.Services, console);
    }

    private static void ValidateOptions(IServiceProvider services)
    {
        if (services.GetRequiredService<RenamedKeys>().Warning is { } renamed)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Receiver.Configuration").LogWarning("{Warning}", renamed);
        }

        _ = services.GetRequiredService<IOptions<Options.StorageOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Options.SshOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Options.FtpOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Options.FtpsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Options.SecurityOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Options.EnrollmentOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Events.EventsOptions>>().Value;
    }
}
