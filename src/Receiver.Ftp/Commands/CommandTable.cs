using System.Collections.Frozen;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>What the dispatcher checks before a handler runs.</summary>
[Flags]
internal enum CommandFlags
{
    None = 0,

    /// <summary>May be sent before a successful login.</summary>
    AllowedBeforeLogin = 1,

    /// <summary>An empty argument is a syntax error (501).</summary>
    NeedsArgument = 2,

    /// <summary>Uses the prepared data connection; runs beside the command loop and can be aborted by ABOR.</summary>
    Transfer = 4,

    /// <summary>Runs at once while a transfer is running (ABOR); every other command waits for the transfer's final reply, so replies stay in order.</summary>
    DuringTransfer = 8,

    /// <summary>Part of a rename (RNFR, RNTO): keeps the pending RNFR source, which every other command clears, so RNTO must follow RNFR directly.</summary>
    Rename = 16,
}

internal delegate ValueTask CommandHandler(FtpSession session, string argument);

internal sealed record Command(CommandHandler Handler, CommandFlags Flags);

/// <summary>The server's commands: verb to handler, with flags. The X-forms are the RFC 775 aliases cameras use.</summary>
internal static class CommandTable
{
    private const CommandFlags Open = CommandFlags.AllowedBeforeLogin;
    private const CommandFlags Arg = CommandFlags.NeedsArgument;
    private const CommandFlags Transfer = CommandFlags.Transfer;
    private const CommandFlags Rename = CommandFlags.Rename;

    public static readonly FrozenDictionary<string, Command> Commands = new Dictionary<string, Command>
    {
        // Authentication and security (AuthCommands)
        ["USER"] = new(AuthCommands.User, Open | Arg),
        ["PASS"] = new(AuthCommands.Pass, Open),
        ["AUTH"] = new(AuthCommands.Auth, Open | Arg),
        ["PBSZ"] = new(AuthCommands.Pbsz, Open | Arg),
        ["PROT"] = new(AuthCommands.Prot, Open | Arg),
        ["QUIT"] = new(AuthCommands.Quit, Open),

        // Directories (DirectoryCommands)
        ["PWD"] = new(DirectoryCommands.Pwd, CommandFlags.None),
        ["XPWD"] = new(DirectoryCommands.Pwd, CommandFlags.None),
        ["CWD"] = new(DirectoryCommands.Cwd, Arg),
        ["XCWD"] = new(DirectoryCommands.Cwd, Arg),
        ["CDUP"] = new(DirectoryCommands.Cdup, CommandFlags.None),
        ["XCUP"] = new(DirectoryCommands.Cdup, CommandFlags.None),
        ["MKD"] = new(DirectoryCommands.Mkd, Arg),
        ["XMKD"] = new(DirectoryCommands.Mkd, Arg),
        ["RMD"] = new(DirectoryCommands.Rmd, Arg),
        ["XRMD"] = new(DirectoryCommands.Rmd, Arg),
        ["LIST"] = new(DirectoryCommands.List, Transfer),
        ["NLST"] = new(DirectoryCommands.Nlst, Transfer),
        ["MLSD"] = new(DirectoryCommands.Mlsd, Transfer),
        ["MLST"] = new(DirectoryCommands.Mlst, CommandFlags.None),

        // Files (FileCommands)
        ["STOR"] = new(FileCommands.Stor, Arg | Transfer),
        ["APPE"] = new(FileCommands.Appe, Arg | Transfer),
        ["RETR"] = new(FileCommands.Retr, Arg | Transfer),
        ["REST"] = new(FileCommands.Rest, Arg),
        ["ALLO"] = new(FileCommands.Allo, CommandFlags.None),
        ["SIZE"] = new(FileCommands.Size, Arg),
        ["MDTM"] = new(FileCommands.Mdtm, Arg),
        ["MFMT"] = new(FileCommands.Mfmt, Arg),
        ["DELE"] = new(FileCommands.Dele, Arg),
        ["RNFR"] = new(FileCommands.Rnfr, Arg | Rename),
        ["RNTO"] = new(FileCommands.Rnto, Arg | Rename),

        // Passive and active data connections (PassiveCommands, ActiveCommands)
        ["PASV"] = new(PassiveCommands.Pasv, CommandFlags.None),
        ["EPSV"] = new(PassiveCommands.Epsv, CommandFlags.None),
        ["PORT"] = new(ActiveCommands.Port, Arg),
        ["EPRT"] = new(ActiveCommands.Eprt, Arg),

        // Everything else (MiscCommands)
        ["SYST"] = new(MiscCommands.Syst, Open),
        ["FEAT"] = new(MiscCommands.Feat, Open),
        ["OPTS"] = new(MiscCommands.Opts, Open | Arg),
        ["NOOP"] = new(MiscCommands.Noop, Open),
        ["HELP"] = new(MiscCommands.Help, Open),
        ["STAT"] = new(MiscCommands.Stat, CommandFlags.None),
        ["TYPE"] = new(MiscCommands.Type, Arg),
        ["MODE"] = new(MiscCommands.Mode, Arg),
        ["STRU"] = new(MiscCommands.Stru, Arg),
        ["ABOR"] = new(MiscCommands.Abor, CommandFlags.DuringTransfer),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
