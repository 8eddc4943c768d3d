namespace Receiver.Ftp.Tests;

/// <summary>Uploads with curl (the camera's own libcurl stack) in every data-connection and TLS mode a camera may use.</summary>
public sealed class CurlInteropTests : FtpServerTests
{
    private readonly string _sourceDirectory = Directory.CreateTempSubdirectory("ftp-src-").FullName;
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_sourceDirectory, recursive: true);
    }

    [Theory]
    [InlineData("pasv", new[] { "--disable-epsv" })]
    [InlineData("epsv", new string[0])]
    [InlineData("active-eprt", new[] { "-P", "-" })]
    [InlineData("active-port", new[] { "-P", "-", "--disable-eprt" })]
    public async Task Plain_ftp_upload_arrives_complete(string mode, string[] options)
    {
        var (source, bytes) = MakeFile($"{mode}.jpg", 300_000);

        var result = await ExternalProcess.CurlAsync([.. options, "--user", "cam1:secret1", "-T", source, Server.Url]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Server.PathOf($"{mode}.jpg")));
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.UploadCompleted && e.Detail.Contains($"/{mode}.jpg", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tls12", "--tlsv1.2", "--tls-max", "1.2")]
    [InlineData("tls13", "--tlsv1.3", "--tls-max", "1.3")]
    public async Task Explicit_ftps_upload_arrives_complete(string name, string minimum, string maxOption, string maximum)
    {
        var (source, bytes) = MakeFile($"{name}.jpg", 2_000_000);

        var result = await ExternalProcess.CurlAsync("--ssl-reqd", "--insecure", minimum, maxOption, maximum, "--user", "cam1:secret1", "-T", source, Server.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Server.PathOf($"{name}.jpg")));
        var login = Assert.Single(Server.Events.Events, e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal(CameraProtocols.Ftps, login.Protocol);
        Assert.Contains(maximum == "1.2" ? "Tls12" : "Tls13", login.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Implicit_ftps_upload_and_listing_work()
    {
        var (source, bytes) = MakeFile("implicit.mp4", 1_000_000);

        var upload = await ExternalProcess.CurlAsync("--insecure", "--user", "cam1:secret1", "-T", source, $"ftps://127.0.0.1:{Server.ImplicitPort}/");
        var listing = await ExternalProcess.CurlAsync("--insecure", "--user", "cam1:secret1", "--list-only", $"ftps://127.0.0.1:{Server.ImplicitPort}/");

        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Server.PathOf("implicit.mp4")));
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Equal("implicit.mp4", listing.StandardOutput.Trim());
    }

    [Fact]
    public async Task Create_dirs_makes_a_nested_path_for_the_upload()
    {
        var (source, bytes) = MakeFile("snap.jpg", 100_000);

        var result = await ExternalProcess.CurlAsync("--ftp-create-dirs", "--user", "cam1:secret1", "-T", source, Server.Url + "Camera%20A/2026/11/28/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Server.PathOf("Camera A/2026/11/28/snap.jpg")));
    }

    [Fact]
    public async Task Resume_appends_the_missing_part()
    {
        var (source, bytes) = MakeFile("clip.mp4", 1_500_000);
        await File.WriteAllBytesAsync(Server.PathOf("clip.mp4"), bytes[..600_000]);

        var result = await ExternalProcess.CurlAsync("-C", "-", "--user", "cam1:secret1", "-T", source, Server.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Server.PathOf("clip.mp4")));
    }

    [Fact]
    public async Task Utf8_file_names_round_trip()
    {
        var (source, bytes) = MakeFile("bild-ä.jpg", 10_000);

        var result = await ExternalProcess.CurlAsync("--user", "cam1:secret1", "-T", source, Server.Url + "Garten%C3%BC/" + "bild-%C3%A4.jpg", "--ftp-create-dirs");
        var listing = await ExternalProcess.CurlAsync("--user", "cam1:secret1", "--list-only", Server.Url + "Garten%C3%BC/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Server.PathOf("Gartenü/bild-ä.jpg")));
        Assert.Equal("bild-ä.jpg", listing.StandardOutput.Trim());
    }

    private (string Path, byte[] Bytes) MakeFile(string name, int size) => SourceFile.Make(_sourceDirectory, name, size);
}
