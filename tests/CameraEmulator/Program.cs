using System.Globalization;
using CameraEmulator;

// Standalone: dotnet run --project tests/CameraEmulator -- [--port N] [--user U] [--password P] [--https] [--no-basic-auth]
var options = new EmulatedCameraOptions();
for (var i = 0; i < args.Length; i++)
{
    options = args[i] switch
    {
        "--port" => options with { Port = int.Parse(args[++i], CultureInfo.InvariantCulture) },
        "--user" => options with { AdminUser = args[++i] },
        "--password" => options with { AdminPassword = args[++i] },
        "--https" => options with { UseHttps = true },
        "--no-basic-auth" => options with { AcceptBasicAuth = false },
        _ => throw new ArgumentException($"unknown option {args[i]}"),
    };
}

await using var camera = new EmulatedCamera(options);
await camera.StartAsync();
Console.WriteLine($"INSTAR camera emulator listening on {camera.BaseUri} (user '{options.AdminUser}'); Ctrl+C to stop.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
