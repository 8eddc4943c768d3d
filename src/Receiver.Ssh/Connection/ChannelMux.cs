using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Kex;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Connection;

/// <summary>
/// The connection protocol (RFC 4254) of one connection, its channel mux: session channels whose only service is
/// the "sftp" subsystem; shells, commands, terminals, agent and every kind of forwarding are refused. The read loop
/// hands it messages 80-100; subsystem handlers send through it.
/// </summary>
internal sealed class ChannelMux(
    ConnectionSettings settings, ILogger logger, OutgoingPackets output, Func<SshSessionContext> sessionContext, CancellationToken closing)
{
    private const int MaxOutgoingChunk = 32 * 1024;
    private readonly Dictionary<uint, SessionChannel> _channels = [];
    private uint _nextChannelId;

    /// <summary>Handles a connection protocol message from the read loop (after authentication).</summary>
    public async ValueTask HandleAsync(byte number, ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        switch (number)
        {
            case MessageNumber.GlobalRequest:
                var global = GlobalRequestMessage.Parse(payload.Span);
                SshLog.GlobalRequestRefused(logger, LogText.Escape(global.Name));
                if (global.WantReply)
                {
                    using var w = new SshWriter(8);
                    w.Byte(MessageNumber.RequestFailure);
                    await output.ReplyAsync(w.WrittenMemory, token).ConfigureAwait(false);
                }

                return;
            case MessageNumber.ChannelOpen:
                await OnChannelOpenAsync(ChannelOpenMessage.Parse(payload.Span), token).ConfigureAwait(false);
                return;
            case MessageNumber.ChannelWindowAdjust:
                var (recipient, bytes) = ChannelMessages.ParseWindowAdjust(payload.Span);
                FindChannel(recipient).AddRemoteWindow(bytes);
                return;
            case MessageNumber.ChannelData:
                OnChannelData(payload.Span);
                return;
            case MessageNumber.ChannelExtendedData:
                var (extRecipient, length) = ChannelMessages.ParseExtendedData(payload.Span);
                TakeLocalWindow(FindChannel(extRecipient), length);
                return;
            case MessageNumber.ChannelEof:
                var eofChannel = FindChannel(ChannelMessages.ReadRecipient(payload.Span, MessageNumber.ChannelEof));
                eofChannel.EofReceived = true;
                eofChannel.Inbox.Complete();
                return;
            case MessageNumber.ChannelClose:
                await OnChannelCloseAsync(FindChannel(ChannelMessages.ReadRecipient(payload.Span, MessageNumber.ChannelClose)), token).ConfigureAwait(false);
                return;
            case MessageNumber.ChannelRequest:
                await OnChannelRequestAsync(ChannelRequestMessage.Parse(payload.Span), token).ConfigureAwait(false);
                return;
            default:
                // REQUEST_SUCCESS/FAILURE, CHANNEL_SUCCESS/FAILURE, OPEN_CONFIRMATION/FAILURE: we never ask, so ignore.
                return;
        }
    }

    private async ValueTask OnChannelOpenAsync(ChannelOpenMessage open, CancellationToken token)
    {
        ChannelOpenFailureMessage? failure = null;
        SessionChannel? channel = null;
        lock (_channels)
        {
            if (open.ChannelType != "session")
            {
                var reason = open.ChannelType is "direct-tcpip" or "forwarded-tcpip" or "x11" or "auth-agent@openssh.com" or "direct-streamlocal@openssh.com"
                    ? ChannelOpenFailureReason.AdministrativelyProhibited
                    : ChannelOpenFailureReason.UnknownChannelType;
                failure = new ChannelOpenFailureMessage(open.SenderChannel, reason, $"{open.ChannelType} channels are not allowed.");
            }
            else if (_channels.Count >= settings.MaxChannels)
            {
                failure = new ChannelOpenFailureMessage(open.SenderChannel, ChannelOpenFailureReason.ResourceShortage, "Too many channels.");
            }
            else
            {
                var window = (int)settings.ChannelWindow;
                channel = new SessionChannel(_nextChannelId++, open.SenderChannel, open.InitialWindowSize, Math.Max(open.MaximumPacketSize, 1024), window, settings.TimeProvider)
                {
                    LocalWindowLeft = window,
                };
                _channels[channel.LocalId] = channel;
            }
        }

        using var w = new SshWriter(64);
        if (failure is not null)
        {
            SshLog.ChannelRefused(logger, LogText.Escape(open.ChannelType), LogText.Escape(failure.Description));
            failure.WriteTo(w);
        }
        else
        {
            new ChannelOpenConfirmationMessage(open.SenderChannel, channel!.LocalId, settings.ChannelWindow, settings.ChannelMaxPacket).WriteTo(w);
        }

        await output.ReplyAsync(w.WrittenMemory, token).ConfigureAwait(false);
    }

    private void OnChannelData(ReadOnlySpan<byte> payload)
    {
        var (recipient, offset, length) = ChannelMessages.ParseData(payload);
        var channel = FindChannel(recipient);
        if (channel.EofReceived)
        {
            throw new SshProtocolException("Channel data after EOF.");
        }

        TakeLocalWindow(channel, length);
        if (!channel.Inbox.TryWrite(payload.Slice(offset, length)))
        {
            throw new SshProtocolException("The client sent more than the channel window.");
        }
    }

    private static void TakeLocalWindow(SessionChannel channel, int length)
    {
        if (Interlocked.Add(ref channel.LocalWindowLeft, -length) < 0)
        {
            throw new SshProtocolException("The client sent more than the channel window.");
        }
    }

    private async ValueTask OnChannelRequestAsync(ChannelRequestMessage request, CancellationToken token)
    {
        var channel = FindChannel(request.RecipientChannel);
        var accepted = false;
        if (request.RequestType == "subsystem" && request.SubsystemName == "sftp" && settings.SftpSubsystem is { } handler && !channel.SubsystemStarted)
        {
            channel.SubsystemStarted = true;
            accepted = true;
            StartSubsystem(channel, handler);
        }
        else if (request.RequestType is "exec" or "shell" or "subsystem" or "pty-req" or "x11-req" or "auth-agent-req@openssh.com")
        {
            SshLog.ChannelRequestRefused(logger, LogText.Escape(request.RequestType), request.SubsystemName is null ? null : LogText.Escape(request.SubsystemName));
        }

        if (request.WantReply)
        {
            using var w = new SshWriter(16);
            ChannelMessages.WriteSimple(w, accepted ? MessageNumber.ChannelSuccess : MessageNumber.ChannelFailure, channel.RemoteId);
            await output.ReplyAsync(w.WrittenMemory, token).ConfigureAwait(false);
        }

        if (!accepted && !channel.SubsystemStarted && request.RequestType is "exec" or "shell" or "subsystem")
        {
            // The session has nothing left to run: close it, so clients that wait for the command's end finish.
            _ = FinishChannelAsync(channel, 1);
        }
    }

    private void StartSubsystem(SessionChannel channel, SshSubsystemHandler handler)
    {
        var context = sessionContext();
        var stream = new ChannelStream(this, channel);
        channel.Handler = Task.Run(async () =>
        {
            uint status = 0;
            try
            {
                await handler(context, stream, channel.Cancellation.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (channel.Cancellation.IsCancellationRequested || closing.IsCancellationRequested)
            {
                SshLog.SubsystemEndedWithChannel(logger, ex.Message);
            }
            catch (Exception ex)
            {
                SshLog.SubsystemFailed(logger, ex);
                status = 1;
            }

            await FinishChannelAsync(channel, status).ConfigureAwait(false);
        });
    }

    /// <summary>After the handler ends: exit-status, EOF and CLOSE, unless the channel is already closing.</summary>
    private async Task FinishChannelAsync(SessionChannel channel, uint status)
    {
        lock (channel)
        {
            if (channel.CloseSent)
            {
                return;
            }

            channel.CloseSent = true;
        }

        try
        {
            using var w = new SshWriter(64);
            if (!channel.CloseReceived)
            {
                ChannelMessages.WriteExitStatus(w, channel.RemoteId, status);
                await output.SendAsync(w.WrittenMemory, closing).ConfigureAwait(false);
                w.Dispose();
                using var eof = new SshWriter(16);
                ChannelMessages.WriteSimple(eof, MessageNumber.ChannelEof, channel.RemoteId);
                await output.SendAsync(eof.WrittenMemory, closing).ConfigureAwait(false);
            }

            using var close = new SshWriter(16);
            ChannelMessages.WriteSimple(close, MessageNumber.ChannelClose, channel.RemoteId);
            await output.SendAsync(close.WrittenMemory, closing).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        RemoveIfClosed(channel);
    }

    private async ValueTask OnChannelCloseAsync(SessionChannel channel, CancellationToken token)
    {
        channel.CloseReceived = true;
        channel.Inbox.Complete();
        bool sendClose;
        lock (channel)
        {
            sendClose = !channel.CloseSent;
            channel.CloseSent = true;
        }

        if (sendClose)
        {
            // Let the handler see EOF and finish its last replies for a moment; then it is cancelled.
            channel.Cancellation.CancelAfter(TimeSpan.FromSeconds(5));
            using var w = new SshWriter(16);
            ChannelMessages.WriteSimple(w, MessageNumber.ChannelClose, channel.RemoteId);
            await output.ReplyAsync(w.WrittenMemory, token).ConfigureAwait(false);
        }

        RemoveIfClosed(channel);
    }

    private void RemoveIfClosed(SessionChannel channel)
    {
        if (channel.CloseSent && channel.CloseReceived)
        {
            lock (_channels)
            {
                _channels.Remove(channel.LocalId);
            }
        }
    }

    private SessionChannel FindChannel(uint localId)
    {
        lock (_channels)
        {
            return _channels.TryGetValue(localId, out var channel)
                ? channel
                : throw new SshProtocolException($"Unknown channel {localId}.");
        }
    }

    /// <summary>Called by the channel stream after the handler read data: re-grants window in large steps.</summary>
    public async ValueTask OnDataConsumedAsync(SessionChannel channel, int count, CancellationToken token)
    {
        channel.ConsumedSinceAdjust += count;
        var threshold = settings.ChannelWindow / 8;
        if (channel.ConsumedSinceAdjust < threshold || channel.CloseSent || channel.EofReceived)
        {
            return;
        }

        var grant = (uint)channel.ConsumedSinceAdjust;
        channel.ConsumedSinceAdjust = 0;
        Interlocked.Add(ref channel.LocalWindowLeft, grant);
        using var w = new SshWriter(16);
        ChannelMessages.WriteWindowAdjust(w, channel.RemoteId, grant);
        await output.SendAsync(w.WrittenMemory, token).ConfigureAwait(false);
    }

    /// <summary>Sends handler output as CHANNEL_DATA within the client's window and maximum packet size.</summary>
    public async ValueTask SendDataAsync(SessionChannel channel, ReadOnlyMemory<byte> data, CancellationToken token)
    {
        var chunkLimit = (int)Math.Min(channel.RemoteMaxPacket, MaxOutgoingChunk);
        while (data.Length > 0)
        {
            if (channel.CloseSent || channel.CloseReceived)
            {
                throw new IOException("The channel is closed.");
            }

            var n = await channel.TakeRemoteWindowAsync(Math.Min(data.Length, chunkLimit), token).ConfigureAwait(false);
            await output.SendAsync(9 + n, (channel.RemoteId, Data: data[..n]), static (span, chunk) =>
            {
                span[0] = MessageNumber.ChannelData;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], chunk.RemoteId);
                BinaryPrimitives.WriteUInt32BigEndian(span[5..], (uint)chunk.Data.Length);
                chunk.Data.Span.CopyTo(span[9..]);
                return 9 + chunk.Data.Length;
            }, token).ConfigureAwait(false);
            data = data[n..];
        }
    }

    /// <summary>At the connection's end: every channel closed, every handler cancelled and awaited (for a while).</summary>
    public async Task CloseAllAsync()
    {
        SessionChannel[] channels;
        lock (_channels)
        {
            channels = [.. _channels.Values];
        }

        foreach (var channel in channels)
        {
            channel.CloseReceived = true;
            channel.CloseSent = true;
            channel.Inbox.Complete();
            channel.Cancellation.Cancel();
        }

        foreach (var channel in channels)
        {
            if (channel.Handler is { } handler)
            {
                await handler.WaitAsync(TimeSpan.FromSeconds(10), settings.TimeProvider).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
