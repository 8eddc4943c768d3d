using Receiver.Accounts;
using Receiver.Cli;

namespace Receiver.Web.Auth;

/// <summary>receiver --set-admin-password [--password-stdin]: sets the web page's admin password (generated and printed once, or read from stdin).</summary>
internal sealed class SetAdminPasswordCommand(AdminCredentials admin, CliConsole console)
{
    public int Run(CommandLine line)
    {
        string password;
        if (line.Has("--password-stdin"))
        {
            password = console.In.ReadLine()?.TrimEnd('\r') ?? "";
            if (password.Length < 8 || password.Any(char.IsControl))
            {
                throw new UsageException("--password-stdin: the admin password needs at least 8 characters and no control characters.");
            }
        }
        else
        {
            password = PasswordGenerator.Generate();
        }

        admin.Set(password);
        console.Out.WriteLine($"Admin password set in {admin.FilePath}; every signed-in browser is signed out.");
        if (!line.Has("--password-stdin"))
        {
            console.Out.WriteLine($"Password (shown only now): {password}");
        }

        return 0;
    }
}
