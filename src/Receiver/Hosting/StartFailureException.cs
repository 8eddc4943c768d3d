using System.Net.Sockets;
using Receiver.Abstractions.Networking;

namespace Receiver.Hosting;

/// <summary>
/// The receiver cannot start for a reason its owner must fix (a port taken, a key unreadable): the message is one
/// line naming the setting; the program prints it and exits with code 2, without a stack trace.
/// </summary>
public sealed class StartFailureException(string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    /// <summary>"FTP port 2121 (Ftp:Port) is already in use by another program", and the like for the other bind errors.</summary>
    public static StartFailureException Listen(string what, int port, string key, ListenException ex) => new(ex.SocketError switch
    {
        SocketError.AddressAlreadyInUse => $"{what} port {port} ({key}) is already in use by another program",
        SocketError.AccessDenied => $"{what} port {port} ({key}) needs CAP_NET_BIND_SERVICE or a port above 1023",
        SocketError.AddressNotAvailable => $"{what} address {ex.EndPoint.Address} is not an address of this machine (check {key.Split(':')[0]}:ListenAddress)",
        _ => $"{what} port {port} ({key}) cannot be opened: {ex.InnerException?.Message}",
    }, ex);
}
