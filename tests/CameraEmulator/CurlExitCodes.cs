namespace CameraEmulator;

/// <summary>Maps curl's exit status to testftp's documented result codes.</summary>
public static class CurlExitCodes
{
    public static int ToTestResult(int curlExit) => curlExit switch
    {
        0 => 0,

        // Could not resolve / connect, SSH or TLS session not established, AUTH TLS refused.
        2 or 5 or 6 or 7 or 35 or 64 => -1,

        // Login denied (FTP 530, SSH auth exhausted).
        67 => -2,

        // Access denied (CWD/MKD/open refused), file/dir not found, STOR refused, quote error.
        9 or 21 or 25 or 78 => -3,

        28 => -4,

        // Host key pin (--hostpubsha256) or certificate did not verify.
        51 or 60 or 83 or 90 or 91 => -5,

        // Partial transfer, send/receive failure.
        18 or 55 or 56 => -9,

        // Local problems: file read, memory, bad option.
        3 or 26 or 27 or 43 or 58 => -7,

        _ => -8,
    };
}
