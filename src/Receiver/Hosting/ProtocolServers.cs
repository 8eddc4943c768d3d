using Microsoft.Extensions.DependencyInjection;

namespace Receiver.Hosting;

/// <summary>The protocol listeners, started after the storage and keys are ready.</summary>
internal static class ProtocolServers
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<SshServerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SshServerService>());
        services.AddHostedService<FtpServerService>();
    }
}
