using Microsoft.Extensions.DependencyInjection;
using Receiver.Hosting;

namespace Receiver.Tests.Hosting;

/// <summary>
/// A value the SSH library refuses (SshServerOptions.Validate) stops the start as a configuration error naming the
/// host's key, the type the program prints as one line with exit code 2 (OptionsValidationTests), not as a crash.
/// </summary>
public sealed class SshLibraryValidationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_value_the_SSH_library_refuses_is_a_configuration_error_naming_the_key()
    {
        using var host = ReceiverHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Storage:Root"] = _temp.Combine("data"),
            ["Ssh:Port"] = "0",
            ["Ftp:Port"] = "0",
            ["Web:Port"] = "0",
        }).Build();

        // The host's validators refuse 0 themselves; handing it to the service directly proves the second line of defence.
        var refused = new SshOptions { Port = FreePort.Get(), ListenAddress = "127.0.0.1", LoginGraceTimeSeconds = 0 };
        await using var service = ActivatorUtilities.CreateInstance<SshServerService>(host.Services, Microsoft.Extensions.Options.Options.Create(refused));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => service.StartAsync(CancellationToken.None));
        Assert.StartsWith("Ssh:LoginGraceTimeSeconds cannot be used by the SSH server", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
