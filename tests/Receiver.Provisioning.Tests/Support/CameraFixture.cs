using CameraEmulator;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Tests.Support;

internal static class CameraClients
{
    public static CameraConnectionOptions For(EmulatedCamera camera, string? password = null, bool allowInvalidCertificate = false) => new()
    {
        Address = CameraAddress.Parse(camera.BaseUri.ToString()),
        User = camera.Options.AdminUser,
        Password = password ?? camera.Options.AdminPassword,
        AllowInvalidCertificate = allowInvalidCertificate,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The address a user passes to <c>receiver --enroll</c>: the admin login in the URL.</summary>
    public static string Url(EmulatedCamera camera, string password = "instar") => $"http://admin:{password}@127.0.0.1:{camera.Port}";

    public static InstarCameraClient Client(EmulatedCamera camera, string? password = null) => new(For(camera, password));

    public static async Task<EmulatedCamera> StartAsync(EmulatedCameraOptions? options = null)
    {
        var camera = new EmulatedCamera(options);
        await camera.StartAsync();
        return camera;
    }
}
