using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Receiver.Ftp.Data;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>PASV and EPSV: listen on a port of the passive range for the client's next data connection.</summary>
internal static class PassiveCommands
{
    public static async ValueTask Pasv(FtpSession session, string argument)
    {
        if (session.EpsvOnly)
        {
            await session.ReplyAsync(501, "Only EPSV is allowed after EPSV ALL.").ConfigureAwait(false);
            return;
        }

        var advertised = session.Server.Options.PassiveAddress ?? session.LocalAddress;
        if (advertised.AddressFamily != AddressFamily.InterNetwork)
        {
            await session.ReplyAsync(522, "PASV needs IPv4; use EPSV.").ConfigureAwait(false);
            return;
        }

        var source = Listen(session);
        var port = source.LocalEndPoint.Port;
        var bytes = advertised.GetAddressBytes();
        await session.ReplyAsync(227, $"Entering Passive Mode ({bytes[0]},{bytes[1]},{bytes[2]},{bytes[3]},{port >> 8},{port & 0xFF}).").ConfigureAwait(false);
    }

    public static async ValueTask Epsv(FtpSession session, string argument)
    {
        var protocol = argument.Trim();
        if (protocol.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            session.EpsvOnly = true;
            await session.ReplyAsync(200, "EPSV ALL ok.").ConfigureAwait(false);
            return;
        }

        var expected = session.LocalAddress.AddressFamily == AddressFamily.InterNetwork ? "1" : "2";
        if (protocol.Length > 0 && protocol != expected)
        {
            await session.ReplyAsync(522, $"Network protocol not supported, use ({expected}).").ConfigureAwait(false);
            return;
        }

        var source = Listen(session);
        await session.ReplyAsync(229, $"Entering Extended Passive Mode (|||{source.LocalEndPoint.Port}|).").ConfigureAwait(false);
    }

    private static PassiveDataSource Listen(FtpSession session)
    {
        // Listen on the address the client reached us on; only the client's own address may connect.
        var listener = session.Server.PassivePorts.Listen(session.LocalAddress);
        var source = new PassiveDataSource(listener, session.PeerAddress, session.Logger, detail => session.Publish(Abstractions.SessionEventKind.Refused, detail));
        session.ReplaceDataSource(source);
        session.Logger.LogDebug("Passive data port {Port}", source.LocalEndPoint.Port);
        return source;
    }
}
