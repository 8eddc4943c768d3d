using Receiver.Accounts;

namespace Receiver.Ftp.Tests;

/// <summary>
/// Real clients against the FTP server wired to the host's accounts, lockout and storage: the bytes must arrive at
/// &lt;root&gt;/&lt;camera&gt;/&lt;yyyy-MM-dd&gt;/&lt;the camera's own path&gt;: today's folder is the camera's "/".
/// </summary>
public sealed class HostEndToEndTests(HostEndToEndTests.SharedHost shared) : IClassFixture<HostEndToEndTests.SharedHost>, IDisposable
{
    // python3 ftplib over explicit TLS, connected to the port in argv[1] (the receiver's certificate is self-signed).
    private const string FtpTlsConnect = """
        import ftplib, io, ssl, sys
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        ftp = ftplib.FTP_TLS(context=context, timeout=20)
        ftp.connect("127.0.0.1", int(sys.argv[1]))

        """;

    private readonly string _sourceDirectory = Directory.CreateTempSubdirectory("ftp-src-").FullName;
    private readonly HostFtpFixture _host = shared.Host;

    public void Dispose() => Directory.Delete(_sourceDirectory, recursive: true);

    [Theory]
    [InlineData("pasv", new[] { "--disable-epsv" })]
    [InlineData("active", new[] { "-P", "-" })]
    [InlineData("explicit-tls12", new[] { "--ssl-reqd", "--insecure", "--tlsv1.2", "--tls-max", "1.2" })]
    [InlineData("explicit-tls13", new[] { "--ssl-reqd", "--insecure", "--tlsv1.3" })]
    public async Task Curl_upload_into_the_root_lands_in_the_day_folder(string mode, string[] options)
    {
        var (source, bytes) = MakeFile($"{mode}.jpg", 300_000);

        var result = await ExternalProcess.CurlAsync([.. options, "--user", "garden:Secret123", "-T", source, _host.Url]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_host.FinalPath("garden", $"{mode}.jpg")));
    }

    [Fact]
    public async Task Implicit_ftps_with_nested_create_dirs_lands_in_the_day_folder()
    {
        var (source, bytes) = MakeFile("clip.mp4", 3_000_000);

        var result = await ExternalProcess.CurlAsync("--insecure", "--ftp-create-dirs", "--user", "garden:Secret123", "-T", source, $"ftps://127.0.0.1:{_host.ImplicitPort}/ipcam/alarm/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_host.FinalPath("garden", "ipcam/alarm/clip.mp4")));
    }

    [Fact]
    public async Task Python_ftp_tls_upload_lands_in_the_day_folder()
    {
        const string script = FtpTlsConnect + """
            ftp.login("garden", "Secret123")
            ftp.prot_p()
            ftp.mkd("snap")
            ftp.cwd("snap")
            print(ftp.storbinary("STOR py.jpg", io.BytesIO(b"\xff\xd8camera\xff\xd9" * 1000)))
            ftp.quit()
            """;

        var result = await ExternalProcess.PythonAsync(script, _host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(10_000, new FileInfo(_host.FinalPath("garden", "snap/py.jpg")).Length);
    }

    [Fact]
    public async Task Download_and_delete_are_refused_by_default()
    {
        await UploadAsync("garden", "Secret123", "keep.jpg");
        await using var client = await LoginAsync("garden", "Secret123");
        await client.EpsvAsync();

        Assert.StartsWith("550", await client.SendAsync("RETR keep.jpg"));
        Assert.StartsWith("550", await client.SendAsync("DELE keep.jpg"));
        Assert.True(File.Exists(_host.FinalPath("garden", "keep.jpg")));
    }

    [Fact]
    public async Task Download_and_delete_work_when_switched_on_for_the_account()
    {
        _host.AddCamera("porch", "Secret456", CameraPermissions.Default | CameraPermissions.Download | CameraPermissions.Delete);
        var bytes = await UploadAsync("porch", "Secret456", "fetch.jpg");

        var download = await ExternalProcess.CurlAsync("--user", "porch:Secret456", "-o", Path.Combine(_sourceDirectory, "fetched.jpg"), _host.Url + "fetch.jpg");
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_sourceDirectory, "fetched.jpg")));

        await using var client = await LoginAsync("porch", "Secret456");
        Assert.StartsWith("250", await client.SendAsync("DELE fetch.jpg"));
        Assert.False(File.Exists(_host.FinalPath("porch", "fetch.jpg")));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_out_that_address_for_that_account()
    {
        _host.AddCamera("shed", "Secret321");

        await using var locked = await FtpScenarios.GuessUntilLockedOutAsync(_host.Port, "shed", "Secret321", wrongGuesses: 2, guess: "wrong");
    }

    [Fact]
    public async Task An_account_that_requires_tls_is_refused_in_plain_ftp_and_accepted_over_ftps()
    {
        _host.AddCamera("door", "Secret789", requireTls: true);
        var (source, bytes) = MakeFile("door.jpg", 50_000);

        await using (var plain = await RawFtpClient.ConnectAsync(_host.Port, login: false))
        {
            Assert.Equal("530 This account requires FTPS: send AUTH TLS before USER.", await plain.SendAsync("USER door"));
        }

        var result = await ExternalProcess.CurlAsync("--ssl-reqd", "--insecure", "--user", "door:Secret789", "-T", source, _host.Url);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_host.FinalPath("door", "door.jpg")));
    }

    [Fact]
    public async Task An_unknown_name_is_answered_like_a_known_name_with_a_wrong_password()
    {
        _host.AddCamera("gate", "Secret147");
        var answers = new List<string>();
        foreach (var user in new[] { "gate", "no-such-camera" })
        {
            await using var client = await RawFtpClient.ConnectAsync(_host.Port, login: false);
            answers.Add(await client.SendAsync("USER " + user) + " | " + await client.SendAsync("PASS wrong-password"));
        }

        Assert.Equal("331 Password required for gate. | 530 Login incorrect.", answers[0]);
        Assert.Equal("331 Password required for no-such-camera. | 530 Login incorrect.", answers[1]);
    }

    [Fact]
    public async Task A_camera_that_requires_tls_is_refused_on_prot_c_and_on_a_stor_without_prot_p()
    {
        _host.AddCamera("vault", "Secret852", requireTls: true);
        const string script = FtpTlsConnect + """
            ftp.login("vault", "Secret852")
            try:
                ftp.prot_c()
                print("PROTC accepted")
            except ftplib.error_perm as e:
                print("PROTC", e)
            try:
                ftp.storbinary("STOR clear.jpg", io.BytesIO(b"c" * 30000))
                print("CLEAR accepted")
            except ftplib.error_perm as e:
                print("CLEAR", e)
            ftp.prot_p()
            print("PRIVATE", ftp.storbinary("STOR private.jpg", io.BytesIO(b"p" * 30000)))
            ftp.quit()
            """;

        var result = await ExternalProcess.PythonAsync(script, _host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PROTC 534", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("CLEAR 521", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PRIVATE 226", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("clear.jpg", _host.FilesOf("vault"));
        Assert.Equal(30000, new FileInfo(_host.FinalPath("vault", "private.jpg")).Length);
    }

    [Fact]
    public async Task A_dropped_upload_leaves_no_file_at_all()
    {
        _host.AddCamera("cut", "Secret654");
        await using var client = await LoginAsync("cut", "Secret654");

        Assert.StartsWith("426", await client.StoreThenResetAsync("cut.jpg", 200_000));
        Assert.Empty(_host.FilesOf("cut"));
        Assert.DoesNotContain(_host.StagedFiles(), file => file.Contains("cut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_path_outside_the_camera_folder_is_refused()
    {
        _host.AddCamera("other", "Secret000");
        await using var client = await LoginAsync("garden", "Secret123");

        Assert.StartsWith("550", await client.SendAsync("CWD ../other"));
        Assert.Equal("257 \"/\" is the current directory.", await client.SendAsync("PWD"));
        Assert.StartsWith("257", await client.SendAsync("MKD ../../escape"));
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "escape")));
        Assert.True(Directory.Exists(_host.FinalPath("garden", "escape"))); // inside today's folder, the camera's "/"
    }

    private async Task<RawFtpClient> LoginAsync(string user, string password)
    {
        var client = await RawFtpClient.ConnectAsync(_host.Port, login: false);
        Assert.StartsWith("331", await client.SendAsync("USER " + user));
        Assert.StartsWith("230", await client.SendAsync("PASS " + password));
        return client;
    }

    private async Task<byte[]> UploadAsync(string user, string password, string name)
    {
        var (source, bytes) = MakeFile(name, 20_000);
        var result = await ExternalProcess.CurlAsync("--user", $"{user}:{password}", "-T", source, _host.Url);
        Assert.True(result.ExitCode == 0, result.ToString());
        return bytes;
    }

    private (string Path, byte[] Bytes) MakeFile(string name, int size) => SourceFile.Make(_sourceDirectory, name, size);

    /// <summary>One host for the class: building it makes a certificate and hashes passwords, which is slow.</summary>
    public sealed class SharedHost : IAsyncLifetime
    {
        internal HostFtpFixture Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await HostFtpFixture.StartAsync(new Dictionary<string, string?> { ["Security:MaxFailuresPerAccount"] = "2" });
            Host.AddCamera("garden", "Secret123");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
