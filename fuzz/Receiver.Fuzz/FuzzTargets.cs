using Receiver.Fuzz.Targets;

namespace Receiver.Fuzz;

/// <summary>Every harness, by its command-line name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["ssh", "ssh-messages", "sftp", "ftp", "cgi"];

    public static FuzzTarget Create(string name) => name switch
    {
        "ssh" => new SshTransportTarget(),
        "ssh-messages" => new SshMessagesTarget(),
        "sftp" => new SftpTarget(),
        "ftp" => new FtpTarget(),
        "cgi" => new CgiTarget(),
        _ => throw new ArgumentException($"Unknown fuzz target '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
