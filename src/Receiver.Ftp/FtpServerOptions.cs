using System.Net;
using System.Security.Cryptography.X509Certificates;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;

namespace Receiver.Ftp;

/// <summary>Settings of an <see cref="FtpServer"/>; read once when the server starts.</summary>
public sealed class FtpServerOptions
{
    /// <summary>Plain/explicit-TLS control endpoints. Port 0 binds an ephemeral port (see <see cref="FtpServer.ControlEndPoints"/>).</summary>
    public IList<IPEndPoint> ControlEndPoints { get; } = new List<IPEndPoint>();

    /// <summary>Implicit-TLS control endpoints; empty means implicit FTPS is off.</summary>
    public IList<IPEndPoint> ImplicitTlsEndPoints { get; } = new List<IPEndPoint>();

    /// <summary>First port of the passive range; 0 (or an empty range) lets the OS choose an ephemeral port.</summary>
    public int PassivePortMin { get; set; }

    /// <summary>Last port of the passive range (inclusive).</summary>
    public int PassivePortMax { get; set; }

    /// <summary>Address advertised in PASV replies (Docker/NAT); null advertises the control connection's local address.</summary>
    public IPAddress? PassiveAddress { get; set; }

    /// <summary>Server certificate with its private key; null disables AUTH TLS and implicit TLS.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Connection limits and fair pre-login admission: total, per source, and the MaxStartups cap on control
    /// connections not logged in yet (early drop, a fair share, per-source penalties).
    /// </summary>
    public ConnectionLimits Limits { get; set; } = new() { MaxStartups = new MaxStartups(16, 30, 32) };

    /// <summary>Time a client has from connecting until a successful login.</summary>
    public TimeSpan LoginGraceTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time without a command before the session is closed; not applied while a transfer runs (a stalled transfer counts instead); zero or less turns it off.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time to establish a data connection (passive accept or active connect) and to finish its TLS handshake.</summary>
    public TimeSpan DataConnectionTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest accepted command line in bytes; a longer one ends the session.</summary>
    public int MaxCommandLineLength { get; set; } = 2048;

    /// <summary>Delay before answering a failed PASS, to slow password guessing.</summary>
    public TimeSpan FailedLoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed PASS attempts after which the session is closed.</summary>
    public int MaxLoginAttemptsPerSession { get; set; } = 3;

    /// <summary>Size of the pooled buffers used to copy file data (64-256 kB is a good range).</summary>
    public int TransferBufferSize { get; set; } = 256 * 1024;

    /// <summary>Text of the 220 greeting.</summary>
    public string Banner { get; set; } = "Receiver FTP server ready.";

    public ISessionEventSink EventSink { get; set; } = NullSessionEventSink.Instance;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
