namespace Receiver.Options;

/// <summary>
/// Section "Enrollment": what --enroll and the web form tell a camera when it reaches this receiver at another
/// address or port than the receiver's own (Docker port mapping, NAT).
/// </summary>
public sealed class EnrollmentOptions
{
    public const string Section = "Enrollment";

    /// <summary>The address cameras upload to; empty finds the address of this machine that reaches the camera.</summary>
    public string ReceiverAddress { get; set; } = "";

    /// <summary>The sFTP port cameras use; 0 = Ssh:Port.</summary>
    public int SftpPort { get; set; }

    /// <summary>The FTP/FTPS port cameras use; 0 = Ftp:Port.</summary>
    public int FtpPort { get; set; }
}
