using System.Net;
using System.Net.Sockets;
using CameraEmulator;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.Cgi;

public class CameraCgiClientTests
{
    [Fact]
    public async Task Uses_basic_auth_when_the_camera_accepts_it()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);

        var settings = await client.GetFtpSettingsAsync();

        Assert.Equal("192.168.2.111", settings.Server);
        Assert.Equal(CameraAuthStyle.BasicAuth, client.AuthStyle);
        Assert.DoesNotContain(camera.Requests, q => q.Contains("pwd=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Falls_back_to_user_and_pwd_parameters_when_basic_auth_gets_401()
    {
        await using var camera = await CameraClients.StartAsync(new EmulatedCameraOptions { AcceptBasicAuth = false, AdminPassword = "p&ss=w+rd %" });
        using var client = CameraClients.Client(camera);

        var settings = await client.GetFtpSettingsAsync();
        await client.GetSnapshotCountAsync();

        Assert.Equal(21, settings.Port);
        Assert.Equal(CameraAuthStyle.QueryParameters, client.AuthStyle);
        Assert.Contains("pwd=p%26ss%3Dw%2Brd%20%25", camera.Requests.Last());
    }

    [Fact]
    public async Task Wrong_admin_password_is_an_authentication_error_without_the_password()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera, password: "wrong-secret");

        var ex = await Assert.ThrowsAsync<CameraAuthenticationException>(() => client.GetFtpSettingsAsync());

        Assert.Contains("401", ex.Message);
        Assert.Contains("'admin'", ex.Message);
        Assert.DoesNotContain("wrong-secret", ex.ToString());
    }

    [Fact]
    public async Task Percent_encodes_host_key_password_and_path_so_the_camera_stores_them_exactly()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);
        const string hostKey = "AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw+1iSle";
        const string password = "a+b/c&d=e f%\u00e4";
        var settings = new CameraUploadTarget("127.0.0.1", 2222, "cam-1", FtpTransferMode.Passive, "./up & down/+x", true, FtpDirectoryMode.DailyFolders, FtpEncryption.Sftp, true);

        await client.SetHostKeyAsync(hostKey);
        await client.SetFtpSettingsAsync(settings, password);
        var readBack = await client.GetFtpSettingsAsync();

        Assert.Contains(camera.Requests, q => q.EndsWith("sethost=AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw%2B1iSle", StringComparison.Ordinal));
        Assert.Contains(camera.Requests, q => q.Contains("ft_dirname=.%2Fup%20%26%20down%2F%2Bx&", StringComparison.Ordinal));
        Assert.Equal(hostKey, camera.State.PinnedHostKey);
        Assert.Equal(password, camera.State.FtpPassword);
        Assert.Empty(settings.Differences(readBack));
    }

    [Theory]
    [InlineData(201, CameraResponseCode.UnknownParameter, "unknown parameter")]
    [InlineData(202, CameraResponseCode.InvalidValue, "invalid value")]
    [InlineData(203, CameraResponseCode.NotImplemented, "not implemented")]
    [InlineData(204, CameraResponseCode.UnknownCommand, "unknown command")]
    [InlineData(205, CameraResponseCode.ReadConfigError, "read config error")]
    [InlineData(206, CameraResponseCode.WriteConfigError, "write config error")]
    [InlineData(207, CameraResponseCode.Unknown, "unknown error")]
    [InlineData(208, CameraResponseCode.MissingParameter, "missing parameter")]
    [InlineData(209, CameraResponseCode.OperatingSystemError, "OS error")]
    [InlineData(210, CameraResponseCode.LogicError, "logic error")]
    [InlineData(211, CameraResponseCode.NoPermission, "no permission")]
    [InlineData(212, CameraResponseCode.InvalidAction, "invalid action")]
    [InlineData(213, CameraResponseCode.Busy, "busy")]
    [InlineData(214, CameraResponseCode.InternalError, "internal error")]
    [InlineData(215, CameraResponseCode.Disabled, "disabled")]
    [InlineData(216, CameraResponseCode.NotAvailable, "not available")]
    [InlineData(217, CameraResponseCode.NotSupportedByHardware, "not supported by hardware")]
    [InlineData(218, CameraResponseCode.IpBlocked, "IP blocked")]
    [InlineData(301, CameraResponseCode.SyntaxError, "syntax error")]
    [InlineData(302, CameraResponseCode.UploadFailed, "upload failed")]
    [InlineData(303, CameraResponseCode.SocketError, "socket error")]
    public async Task Each_documented_response_code_becomes_a_typed_error_with_its_meaning(int code, CameraResponseCode expected, string meaning)
    {
        await using var server = new CannedHttpServer(200, $"cmd=\"getftpactionattr\";\r\nresponse=\"{code}\";\r\n");
        using var client = new InstarCameraClient(Options(server.Address));

        var ex = await Assert.ThrowsAsync<CameraCommandException>(() => client.GetSnapshotCountAsync());

        Assert.Equal(expected, ex.KnownCode);
        Assert.Equal(meaning, ex.Meaning);
        Assert.Contains($"response {code} ({meaning})", ex.Message);
        Assert.Contains("getftpactionattr", ex.Message);
    }

    [Fact]
    public async Task Response_219_unchanged_is_not_an_error()
    {
        await using var server = new CannedHttpServer(200, "cmd=\"setftpactionattr\";\r\nresponse=\"219\";\r\n");
        using var client = new InstarCameraClient(Options(server.Address));

        await client.SetSnapshotCountAsync(5);
    }

    [Fact]
    public async Task Emulator_answers_unknown_command_204_invalid_value_202_and_missing_parameter_208()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);

        var unknown = await Assert.ThrowsAsync<CameraCommandException>(() => client.Cgi.SendAsync("getnothing"));
        var invalid = await Assert.ThrowsAsync<CameraCommandException>(() => client.Cgi.SendAsync("setftpactionattr", [new("snapcount", "11")], null));
        var missing = await Assert.ThrowsAsync<CameraCommandException>(() => client.Cgi.SendAsync("setftpaction", [new("enable", "1")], null));
        var unknownParameter = await Assert.ThrowsAsync<CameraCommandException>(() => client.Cgi.SendAsync("setftpattr", [new("ft_colour", "1")], null));

        Assert.Equal(CameraResponseCode.UnknownCommand, unknown.KnownCode);
        Assert.Equal(CameraResponseCode.InvalidValue, invalid.KnownCode);
        Assert.Equal("snapcount", invalid.Parameter);
        Assert.Equal(CameraResponseCode.MissingParameter, missing.KnownCode);
        Assert.Equal(CameraResponseCode.UnknownParameter, unknownParameter.KnownCode);
    }

    [Fact]
    public async Task Refused_connection_says_so()
    {
        var port = FreePort();
        using var client = new InstarCameraClient(Options($"127.0.0.1:{port}"));

        var ex = await Assert.ThrowsAsync<CameraConnectionException>(() => client.GetFtpSettingsAsync());

        Assert.Contains("refused the connection", ex.Message);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public async Task A_camera_that_never_answers_times_out_with_a_clear_message()
    {
        await using var server = new CannedHttpServer(200, string.Empty, silent: true);
        using var client = new InstarCameraClient(Options(server.Address) with { RequestTimeout = TimeSpan.FromSeconds(1) });

        var ex = await Assert.ThrowsAsync<CameraConnectionException>(() => client.GetFtpSettingsAsync());

        Assert.Contains("did not answer 'getftpattr' within 1 s", ex.Message);
    }

    /// <summary>A web page instead of a camera answer shows what came; an HTTP error status names the status.</summary>
    [Theory]
    [InlineData(200, "<html><body>Welcome to nginx!</body></html>", new[] { "not an INSTAR param.cgi answer", "Welcome to nginx" })]
    [InlineData(404, "Not Found", new[] { "HTTP 404" })]
    public async Task An_answer_that_is_not_a_camera_answer_is_a_protocol_error_saying_what_came(int status, string body, string[] expected)
    {
        await using var server = new CannedHttpServer(status, body);
        using var client = new InstarCameraClient(Options(server.Address));

        var ex = await Assert.ThrowsAsync<CameraProtocolException>(() => client.GetFtpSettingsAsync());

        Assert.All(expected, text => Assert.Contains(text, ex.Message));
    }

    [Fact]
    public async Task A_401_to_both_auth_styles_from_a_non_camera_is_an_authentication_error()
    {
        await using var server = new CannedHttpServer(401, "Unauthorized");
        using var client = new InstarCameraClient(Options(server.Address));

        await Assert.ThrowsAsync<CameraAuthenticationException>(() => client.GetFtpSettingsAsync());

        Assert.Equal(2, server.RequestHeads.Count);
        Assert.Contains("Authorization: Basic", server.RequestHeads[0]);
        Assert.Contains("&user=admin&pwd=instar", server.RequestHeads[1]);
    }

    [Fact]
    public async Task Https_with_a_self_signed_certificate_needs_the_explicit_option()
    {
        await using var camera = await CameraClients.StartAsync(new EmulatedCameraOptions { UseHttps = true });
        using var strict = new InstarCameraClient(CameraClients.For(camera));
        using var allowing = new InstarCameraClient(CameraClients.For(camera, allowInvalidCertificate: true));

        var ex = await Assert.ThrowsAsync<CameraConnectionException>(() => strict.GetFtpSettingsAsync());
        var settings = await allowing.GetFtpSettingsAsync();

        Assert.Contains("certificate", ex.Message);
        Assert.Contains("--allow-insecure-https", ex.Message);
        Assert.Equal(FtpEncryption.Ftps, settings.Encryption);
    }

    internal static CameraConnectionOptions Options(string address) => new()
    {
        Address = CameraAddress.Parse(address),
        User = "admin",
        Password = "instar",
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
