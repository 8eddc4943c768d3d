using Receiver.Provisioning.Camera;

namespace Receiver.Provisioning.Workflow;

/// <summary>The camera settings an enrollment writes, derived from the request; and how to show the change.</summary>
public static class EnrollmentPlan
{
    public static FtpEncryption EncryptionFor(UploadProtocol protocol) => protocol switch
    {
        UploadProtocol.Sftp => FtpEncryption.Sftp,
        UploadProtocol.Ftps => FtpEncryption.Ftps,
        _ => FtpEncryption.None,
    };

    public static string Name(UploadProtocol protocol) => protocol switch
    {
        UploadProtocol.Sftp => "sFTP",
        UploadProtocol.Ftps => "FTPS",
        _ => "FTP",
    };

    /// <summary>First-contact settings: verification off (ft_insecure=1) until the host key is pinned.</summary>
    public static CameraUploadTarget Target(EnrollmentRequest request, CameraUploadTarget previous) => new(
        Server: request.ReceiverAddress,
        Port: request.ReceiverPort,
        Username: request.CameraName,
        Mode: FtpTransferMode.Passive,
        DirectoryName: request.DirectoryName,
        AutoCreateDirectory: true,
        DirectoryMode: FtpDirectoryMode.SingleDirectory,
        Encryption: EncryptionFor(request.Protocol),
        Insecure: true);

    public static IEnumerable<string> DescribeChanges(CameraUploadTarget from, CameraUploadTarget to)
    {
        static string Line(string name, object? a, object? b, string meaning) =>
            Equals(a, b) ? $"{name,-17} {b} (unchanged){meaning}" : $"{name,-17} {a ?? "(not reported)"} -> {b}{meaning}";

        yield return Line("ft_server", from.Server, to.Server, string.Empty);
        yield return Line("ft_port", from.Port, to.Port, string.Empty);
        yield return Line("ft_username", from.Username, to.Username, string.Empty);
        yield return "ft_password       (new random password; the camera never shows the old one)";
        yield return Line("ft_mode", Show(from.Mode), Show(to.Mode), string.Empty);
        yield return Line("ft_dirname", Quote(from.DirectoryName), Quote(to.DirectoryName), string.Empty);
        yield return Line("ft_autocreatedir", from.AutoCreateDirectory is null ? null : Flag(from.AutoCreateDirectory.Value), Flag(to.AutoCreateDirectory ?? false), string.Empty);
        yield return Line("ft_dirmode", Show(from.DirectoryMode), Show(to.DirectoryMode), " (the receiver sorts uploads by day itself)");
        yield return Line("ft_ssl", Show(from.Encryption), Show(to.Encryption), string.Empty);
        yield return Line("ft_insecure", Flag(from.Insecure), Flag(to.Insecure), to.Insecure ? " (first contact; verification is switched on after pinning)" : string.Empty);
    }

    public static string Describe(CameraUploadTarget s) =>
        $"{Show(s.Encryption)} to {s.Server}:{s.Port} as '{s.Username}', dir {Quote(s.DirectoryName)}, {Show(s.Mode)}, {Show(s.DirectoryMode)}, ft_insecure={Flag(s.Insecure)}";

    private static string Show(FtpTransferMode mode) => mode == FtpTransferMode.Passive ? "1 (PASV)" : "0 (PORT)";

    private static string Show(FtpDirectoryMode mode) => mode == FtpDirectoryMode.DailyFolders ? "1 (a folder per day)" : "0 (one directory)";

    private static string Show(FtpEncryption encryption) => encryption switch
    {
        FtpEncryption.Sftp => "2 (sFTP)",
        FtpEncryption.Ftps => "1 (FTPS)",
        _ => "0 (FTP)",
    };

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Quote(string text) => $"\"{text}\"";
}
