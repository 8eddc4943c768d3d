namespace Receiver.Ftp.Tests;

/// <summary>python3 ftplib, plain and FTP_TLS with a protected data channel: mkd, storbinary, nlst.</summary>
public sealed class PythonFtplibTests : FtpServerTests
{
    private const string Script = """
        import ftplib, io, ssl, sys
        port, use_tls, payload_size = int(sys.argv[1]), sys.argv[2] == "tls", int(sys.argv[3])
        if use_tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            ftp = ftplib.FTP_TLS(context=context, timeout=20)
        else:
            ftp = ftplib.FTP(timeout=20)
        ftp.connect("127.0.0.1", port)
        ftp.login("cam1", "secret1")
        if use_tls:
            ftp.prot_p()
        print("MKD", ftp.mkd("snapshots"))
        ftp.cwd("snapshots")
        payload = bytes(i % 251 for i in range(payload_size))
        print("STOR", ftp.storbinary("STOR alarm.jpg", io.BytesIO(payload), blocksize=65536))
        print("NLST", ",".join(ftp.nlst()))
        print("PWD", ftp.pwd())
        ftp.quit()
        """;

    [Theory]
    [InlineData("plain")]
    [InlineData("tls")]
    public async Task Ftplib_creates_a_folder_uploads_and_lists(string mode)
    {
        const int size = 700_000;

        var result = await ExternalProcess.PythonAsync(Script, Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), mode, size.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("MKD /snapshots", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("STOR 226", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("NLST alarm.jpg", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PWD /snapshots", result.StandardOutput, StringComparison.Ordinal);
        var expected = Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray();
        Assert.Equal(expected, await File.ReadAllBytesAsync(Server.PathOf("snapshots/alarm.jpg")));
    }
}
