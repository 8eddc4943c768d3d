using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>USER, PASS, AUTH, PBSZ, PROT, QUIT.</summary>
internal static class AuthCommands
{
    public static async ValueTask User(FtpSession session, string argument)
    {
        if (session.FileSystem is not null)
        {
            await session.ReplyAsync(530, "Already logged in; cannot change user.").ConfigureAwait(false);
            return;
        }

        session.PendingUser = argument;
        if (!session.IsTls && session.Server.Authenticator.RequiresTls(argument))
        {
            session.Publish(SessionEventKind.LoginFailed, "account requires TLS; client sent USER on a plain control connection");
            await session.ReplyAsync(530, "This account requires FTPS: send AUTH TLS before USER.").ConfigureAwait(false);
            session.PendingUser = null;
            return;
        }

        await session.ReplyAsync(331, $"Password required for {argument}.").ConfigureAwait(false);
    }

    public static async ValueTask Pass(FtpSession session, string argument)
    {
        if (session.FileSystem is not null)
        {
            await session.ReplyAsync(230, "Already logged in.").ConfigureAwait(false);
            return;
        }

        if (session.PendingUser is not { } user)
        {
            await session.ReplyAsync(503, "Login with USER first.").ConfigureAwait(false);
            return;
        }

        var request = new FtpLoginRequest(user, argument, session.RemoteEndPoint, session.IsTls);
        var result = await session.Server.Authenticator.AuthenticateAsync(request, session.Lifetime).ConfigureAwait(false);
        if (result.FileSystem is { } fileSystem)
        {
            session.User = user;
            session.FileSystem = fileSystem;
            session.CurrentDirectory = VirtualPath.Root;
            session.RequiresProtectedData = session.Server.Authenticator.RequiresTls(user);
            var how = session.IsTls ? $"password over {session.Control.Tls!.SslProtocol} ({session.Control.Tls.NegotiatedCipherSuite})" : "password over plain FTP";
            session.Publish(SessionEventKind.LoginSucceeded, how);
            session.Logger.LogDebug("FTP login of {Camera} ({Method})", fileSystem.AccountName, how);
            await session.ReplyAsync(230, "Login successful.").ConfigureAwait(false);
            return;
        }

        session.FailedLogins++;
        session.Publish(SessionEventKind.LoginFailed, $"{result.Failure}: {result.Message}");
        session.Logger.LogDebug("FTP login of {User} failed: {Failure} {Reason}", LogText.Escape(user), result.Failure, result.Message);
        session.PendingUser = null;
        if (session.Server.Options.FailedLoginDelay > TimeSpan.Zero)
        {
            await Task.Delay(session.Server.Options.FailedLoginDelay, session.Server.Time, session.Lifetime).ConfigureAwait(false);
        }

        var text = result.Failure switch
        {
            FtpLoginFailure.LockedOut => "Too many failed logins from this address; try again later.",
            FtpLoginFailure.TlsRequired => "This account requires FTPS: send AUTH TLS before USER.",
            _ => "Login incorrect.",
        };
        await session.ReplyAsync(530, text).ConfigureAwait(false);
        if (session.FailedLogins >= session.Server.Options.MaxLoginAttemptsPerSession || result.Failure == FtpLoginFailure.LockedOut)
        {
            session.RequestClose();
        }
    }

    public static async ValueTask Auth(FtpSession session, string argument)
    {
        var mechanism = argument.Trim().ToUpperInvariant();
        if (mechanism is not ("TLS" or "TLS-C" or "SSL" or "TLS-P"))
        {
            await session.ReplyAsync(504, "Only AUTH TLS is supported.").ConfigureAwait(false);
            return;
        }

        if (session.IsTls)
        {
            await session.ReplyAsync(503, "TLS is already active.").ConfigureAwait(false);
            return;
        }

        if (session.Server.Tls is null)
        {
            await session.ReplyAsync(534, "TLS is not configured on this server.").ConfigureAwait(false);
            return;
        }

        if (!await session.TryStartTlsAsync(Session.FtpReply.Line(234, $"AUTH {mechanism} OK.")).ConfigureAwait(false))
        {
            return;
        }

        // RFC 4217: AUTH resets the login state.
        session.PendingUser = null;
        if (mechanism is "SSL" or "TLS-P")
        {
            session.ProtectData = true;
        }
    }

    public static async ValueTask Pbsz(FtpSession session, string argument)
    {
        if (!session.IsTls)
        {
            await session.ReplyAsync(503, "PBSZ needs AUTH TLS first.").ConfigureAwait(false);
            return;
        }

        await session.ReplyAsync(200, "PBSZ=0").ConfigureAwait(false);
    }

    public static async ValueTask Prot(FtpSession session, string argument)
    {
        if (!session.IsTls)
        {
            await session.ReplyAsync(503, "PROT needs AUTH TLS first.").ConfigureAwait(false);
            return;
        }

        switch (argument.Trim().ToUpperInvariant())
        {
            case "P":
                session.ProtectData = true;
                await session.ReplyAsync(200, "PROT now Private.").ConfigureAwait(false);
                break;
            case "C" when session.RequiresProtectedData:
                // A "TLS only" camera must not send its pictures in clear on the data connection.
                session.Publish(SessionEventKind.Refused, "PROT C refused: the account requires TLS for data too");
                await session.ReplyAsync(534, "This account requires PROT P: data connections must use TLS.").ConfigureAwait(false);
                break;
            case "C":
                session.ProtectData = false;
                await session.ReplyAsync(200, "PROT now Clear.").ConfigureAwait(false);
                break;
            default:
                await session.ReplyAsync(536, "Only PROT P and PROT C are supported.").ConfigureAwait(false);
                break;
        }
    }

    public static async ValueTask Quit(FtpSession session, string argument)
    {
        session.RequestClose();
        await session.ReplyAsync(221, "Goodbye.").ConfigureAwait(false);
    }
}
