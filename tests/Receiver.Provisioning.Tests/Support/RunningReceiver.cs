using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receiver.Hosting;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// The receiver service running in-process on 127.0.0.1 with its own temporary Storage:Root, plus the one-shot CLI
/// (receiver --enroll …) run against the same configuration, as a user would run it next to the service.
/// </summary>
internal sealed class RunningReceiver : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _root;

    private RunningReceiver(IHost host, Dictionary<string, string?> configuration, TempFolder root)
    {
        _host = host;
        Configuration = configuration;
        _root = root;
    }

    public string Root => _root.Path;

    public Dictionary<string, string?> Configuration { get; }

    public IServiceProvider Services => _host.Services;

    public int SftpPort => int.Parse(Configuration["Ssh:Port"]!, System.Globalization.CultureInfo.InvariantCulture);

    public int FtpPort => int.Parse(Configuration["Ftp:Port"]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="extraConfiguration">More settings on top of the test defaults (e.g. an FTPS certificate).</param>
    public static async Task<RunningReceiver> StartAsync(IDictionary<string, string?>? extraConfiguration = null)
    {
        var root = new TempFolder("prov-e2e-");
        var configuration = LoopbackSettings.For(root.Path, FreePort.Get(), FreePort.Get());
        configuration["Serilog:MinimumLevel:Default"] = "Warning";
        foreach (var (key, value) in extraConfiguration ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        ReceiverKeyTemplate.CopyInto(root.Path);
        var builder = ReceiverHost.CreateBuilder(configuration);
        var host = builder.Build();
        await host.StartAsync();
        var receiver = new RunningReceiver(host, configuration, root);
        await FreePort.WaitForListenerAsync(receiver.SftpPort);
        await FreePort.WaitForListenerAsync(receiver.FtpPort);
        return receiver;
    }

    /// <summary>Runs <c>receiver ARGS</c> with <paramref name="stdin"/>; returns the exit code and both outputs.</summary>
    public async Task<(int Exit, string Out, string Error)> RunCliAsync(string? stdin, params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(Configuration, args, stdin ?? string.Empty);
        return (exit, output, error);
    }

    /// <summary>The ed25519 host key blob (base64) from the .pub file the service wrote.</summary>
    public string HostKeyBase64 => File.ReadAllText(Path.Combine(Root, ".receiver", "keys", "ssh_host_ed25519_key.pub")).Split(' ')[1].Trim();

    public string DayFolder(string camera) => Path.Combine(Root, camera, DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public JsonElement Account(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, ".receiver", "accounts.json")));
        return document.RootElement.GetProperty("accounts").EnumerateArray().First(a => a.GetProperty("name").GetString() == name).Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _root.Dispose();
    }
}
