using System.Net.Sockets;

namespace Receiver.Ftp.Data;

/// <summary>Where the next data connection comes from: a passive listener (PASV/EPSV) or an active target (PORT/EPRT).</summary>
internal interface IDataConnectionSource : IDisposable
{
    /// <summary>Accepts or makes the data connection within <paramref name="timeout"/> on <paramref name="time"/>; throws <see cref="DataConnectionException"/> when that fails.</summary>
    ValueTask<Socket> OpenAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken);
}

/// <summary>The data connection could not be established (425).</summary>
internal sealed class DataConnectionException(string message, Exception? inner = null) : Exception(message, inner);
