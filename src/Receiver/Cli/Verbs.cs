using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Storage;

namespace Receiver.Cli;

/// <summary>
/// The one-shot verbs: name, whether it takes an argument, whether it needs the receiver's host (else it gets only
/// the configuration, as IConfiguration), and what runs it.
/// </summary>
internal static class Verbs
{
    public delegate Task<int> Handler(CommandLine line, IServiceProvider services, CliConsole console);

    public static readonly IReadOnlyDictionary<string, (bool TakesArgument, bool NeedsHost, Handler Run)> Table =
        new Dictionary<string, (bool, bool, Handler)>(StringComparer.Ordinal)
        {
            ["--add-camera"] = (true, true, (l, s, c) => Task.FromResult(Cameras(s, c).Add(l))),
            ["--set-camera"] = (true, true, (l, s, c) => Task.FromResult(Cameras(s, c).Set(l))),
            ["--remove-camera"] = (true, true, (l, s, c) => Task.FromResult(Cameras(s, c).Remove(l))),
            ["--list-cameras"] = (false, true, (l, s, c) => Task.FromResult(Cameras(s, c).List(l))),
            ["--show-hostkey"] = (false, true, (l, s, c) => Task.FromResult(new HostKeyCommand(s.GetRequiredService<HostKeyStore>(), c.Out).Run(l))),
            ["--set-admin-password"] = (false, true, (l, s, c) => Task.FromResult(ActivatorUtilities.CreateInstance<Web.Auth.SetAdminPasswordCommand>(s, c).Run(l))),
            ["--enroll"] = (true, true, (l, s, c) => ActivatorUtilities.CreateInstance<EnrollCommand>(s, c).RunAsync(l)),
            // Docker runs --health every 30 s: it needs only the two ports, and building the host (logging, keys,
            // accounts) was most of its CPU time.
            ["--health"] = (false, false, (l, s, c) => HealthCommand.FromConfiguration(s.GetRequiredService<IConfiguration>(), c.Out).RunAsync(l)),
        };

    /// <summary>Options that take no value.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        "--password-stdin", "--require-tls", "--reset-password", "--remove-keys", "--enable", "--disable",
        "--camera-password-stdin", "--dry-run", "--keep-on-failure", "--insecure-https", "--verify-certificate",
    };

    /// <summary>Flags of one verb: --enroll takes "--enable rec,snap" with a value, where --set-camera's --enable is a flag.</summary>
    public static IReadOnlySet<string> FlagsFor(string verb) =>
        verb == "--enroll" ? new HashSet<string>(Flags.Where(f => f != "--enable"), StringComparer.Ordinal) : Flags;

    private static CameraCommands Cameras(IServiceProvider services, CliConsole console) => new(
        services.GetRequiredService<AccountStore>(),
        services.GetRequiredService<DataPaths>(),
        services.GetRequiredService<TimeProvider>(),
        console.In,
        console.Out,
        services.GetRequiredService<QuotaLedger>(),
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Receiver.Events.EventsOptions>>().Value.QuietAfterHours);
}
