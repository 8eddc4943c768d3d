using System.Net;
using System.Net.Sockets;

namespace Receiver.Abstractions.Networking;

/// <summary>A listening socket could not be bound; says which endpoint, so the host can name the setting.</summary>
public sealed class ListenException(IPEndPoint endPoint, SocketException inner)
    : IOException($"Cannot listen on {endPoint}: {inner.Message}", inner)
{
    public IPEndPoint EndPoint { get; } = endPoint;

    public SocketError SocketError => inner.SocketErrorCode;
}
