using Microsoft.Extensions.DependencyInjection;

namespace Receiver.Hosting;

/// <summary>The protocol listeners, started after the storage and keys are ready.</summary>
internal static class ProtocolServers
{
    public static void Add(IServiceCollection services)
    {
        // sFTP: services.AddHostedService<SshServerService>();
        services.AddHostedService<FtpServerService>();
    }
}
