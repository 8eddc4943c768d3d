using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Enrollment;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Sessions;
using Receiver.Storage;
using Receiver.Web;
using Serilog;

namespace Receiver.Hosting;

/// <summary>Builds the receiver's host: the same services for the running service, the CLI verbs and the in-process tests.</summary>
public static class ReceiverHost
{
    /// <param name="configOverrides">Extra configuration on top of appsettings.json and the environment (tests, CLI).</param>
    public static HostApplicationBuilder CreateBuilder(IDictionary<string, string?>? configOverrides = null)
    {
        // The settings are read once at start (the accounts file is re-read by its store): no file watcher thread.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Configuration = configuration,
            // appsettings.json is copied next to the program, so the checkout, systemd and Docker all read the same file.
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Services.AddSingleton(AddReceiverSources(builder.Configuration, configOverrides));

        // A start failure is reported by the program as one line; the host's own "Hosting failed to start" with the
        // stack trace would bury it.
        builder.Services.AddSerilog((_, logger) => LoggingSetup.Configure(logger, builder.Configuration)
            .Filter.ByExcluding(e => e.Exception is StartFailureException));
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));
        AddReceiver(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The settings alone, without the host, for --health: Docker runs it every 30 s and it needs only the ports, and
    /// building the host was the largest part of its CPU. The sources are HostApplicationBuilder's defaults, in its
    /// order (DOTNET_ variables, appsettings.json and appsettings.{environment}.json next to the program, the
    /// environment), then the receiver's own (<see cref="AddReceiverSources"/>); a test checks both read the same.
    /// </summary>
    public static IConfiguration CreateConfiguration(IDictionary<string, string?>? configOverrides = null)
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables(prefix: "DOTNET_");
        var environment = configuration[HostDefaults.EnvironmentKey] is { Length: > 0 } name ? name : Environments.Production;
        configuration.SetBasePath(AppContext.BaseDirectory);
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        configuration.AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        AddReceiverSources(configuration, configOverrides);
        return configuration;
    }

    /// <summary>What the receiver adds to the default sources: the system-wide file, the overrides, then the renamed keys' values.</summary>
    private static RenamedKeys AddReceiverSources(ConfigurationManager configuration, IDictionary<string, string?>? configOverrides)
    {
        AddSystemConfigFile(configuration);
        if (configOverrides is not null)
        {
            configuration.AddInMemoryCollection(configOverrides);
        }

        return RenamedKeys.Apply(configuration);
    }

    /// <summary>
    /// /etc/receiver/appsettings.json (systemd installs) overrides the defaults next to the program, and the
    /// environment still overrides both, so the service and a CLI run read the same settings.
    /// </summary>
    private static void AddSystemConfigFile(ConfigurationManager configuration)
    {
        var sources = (IList<IConfigurationSource>)((IConfigurationBuilder)configuration).Sources;
        var lastJson = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).index;
        var file = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "/etc/receiver/appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        };
        file.ResolveFileProvider();
        sources.Insert(lastJson + 1, file);
    }

    private static void AddReceiver(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // WebServices.Lend registers a singleton the web page's Kestrel app also gets (the same instance).
        // Bind is called on each concrete type: the configuration-binding source generator writes the binder there.
        AddOptions<StorageOptions>(services, o => configuration.GetSection(StorageOptions.Section).Bind(o));
        AddOptions<SshOptions>(services, o => configuration.GetSection(SshOptions.Section).Bind(o));
        AddOptions<FtpOptions>(services, o => configuration.GetSection(FtpOptions.Section).Bind(o));
        AddOptions<FtpsOptions>(services, o => configuration.GetSection(FtpsOptions.Section).Bind(o));
        AddOptions<SecurityOptions>(services, o => configuration.GetSection(SecurityOptions.Section).Bind(o));
        AddOptions<EnrollmentOptions>(services, o => configuration.GetSection(EnrollmentOptions.Section).Bind(o));

        WebServices.Lend<DataPaths>(services);
        WebServices.Lend<AccountStore>(services);
        WebServices.Lend<PasswordHasher>(services);
        WebServices.Lend<LoginThrottle>(services);
        services.AddSingleton<CameraAuthenticator>();
        WebServices.Lend<HostKeyStore>(services);
        services.AddSingleton<TlsCertificateStore>();
        services.AddSingleton<QuotaLedger>();
        services.AddSingleton<CameraStorage>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<SessionJournal>();
        services.AddSingleton<HostEnrollment>();
        services.AddSingleton<ISessionEventSink>(sp => WebServices.SessionEvents(sp, sp.GetRequiredService<SessionJournal>()));

        // Start order matters: folders and keys first, then the journal, then the listeners.
        services.AddHostedService<StartupService>();
        EventsWiring.Add(services, configuration);
        services.AddHostedService(sp => sp.GetRequiredService<SessionJournal>());
        services.AddHostedService<RetentionService>();
        ProtocolServers.Add(services);
        WebServices.Add(services, configuration);
        services.AddHostedService<StartupGarbageRelease>();
    }

    /// <param name="bind">A plain Bind of the section (written at each call, so the binder's source generator sees the type).</param>
    private static void AddOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services, Action<T> bind)
        where T : class
    {
        services.AddOptions<T>().Configure(o => OptionsBinding.Bind(() => bind(o))).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new OptionsValidators() as IValidateOptions<T> ?? throw new InvalidOperationException(typeof(T).Name));
    }
}
