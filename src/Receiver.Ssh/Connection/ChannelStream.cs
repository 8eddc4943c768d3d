using Receiver.Abstractions.Networking;

namespace Receiver.Ssh.Connection;

/// <summary>
/// The duplex stream a subsystem handler sees: reads return channel data (0 at the client's EOF), writes
/// become CHANNEL_DATA within the client's window and packet size. Consumed data is re-granted to the client
/// with WINDOW_ADJUST in large steps.
/// </summary>
internal sealed class ChannelStream(ChannelMux mux, SessionChannel channel) : DuplexStreamBase
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await channel.Inbox.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n > 0)
        {
            await mux.OnDataConsumedAsync(channel, n, cancellationToken).ConfigureAwait(false);
        }

        return n;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        mux.SendDataAsync(channel, buffer, cancellationToken);
}
