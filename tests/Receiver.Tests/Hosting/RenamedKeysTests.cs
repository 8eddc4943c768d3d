using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Receiver.Hosting;
using Receiver.Options;
using Receiver.Tests.Support;

namespace Receiver.Tests.Hosting;

/// <summary>Every documented key keeps working: an old name is read as the new one, with one warning line naming it.</summary>
public sealed class RenamedKeysTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Old_keys_are_read_under_their_new_names_with_one_warning_line_naming_them()
    {
        using var host = Host(new()
        {
            ["Sftp:Port"] = "2301",
            ["Sftp:Profile"] = "legacy",
            ["Sftp:MaxUnauthenticatedConnections"] = "5",
            ["Sftp:MaxConnectionsPerIp"] = "3",
            ["Ftp:MaxConnectionsPerIp"] = "7",
            ["Ftp:LoginTimeoutSeconds"] = "45",
        });

        var ssh = host.Services.GetRequiredService<IOptions<SshOptions>>().Value;
        var ftp = host.Services.GetRequiredService<IOptions<FtpOptions>>().Value;
        Assert.Equal(2301, ssh.Port);
        Assert.Equal("legacy", ssh.Profile);
        Assert.Equal("5", ssh.MaxStartups);
        Assert.Equal(3, ssh.MaxConnectionsPerSource);
        Assert.Equal(7, ftp.MaxConnectionsPerSource);
        Assert.Equal(45, ftp.LoginGraceTimeSeconds);

        var warning = host.Services.GetRequiredService<RenamedKeys>().Warning!;
        Assert.DoesNotContain('\n', warning);
        Assert.Contains("Sftp:Port is now Ssh:Port", warning);
        Assert.Contains("Sftp:MaxUnauthenticatedConnections is now Ssh:MaxStartups", warning);
        Assert.Contains("Ftp:LoginTimeoutSeconds is now Ftp:LoginGraceTimeSeconds", warning);
        Assert.Contains("Ftp:MaxConnectionsPerIp is now Ftp:MaxConnectionsPerSource", warning);
    }

    [Fact]
    public void Within_one_source_the_new_name_wins_and_an_old_name_in_a_later_source_beats_the_new_one_in_appsettings()
    {
        // appsettings.json (next to the program) sets Ssh:Port 2222; the overrides come later, as the environment does.
        using var both = Host(new() { ["Sftp:Port"] = "2302", ["Ssh:Port"] = "2303" });
        using var later = Host(new() { ["Sftp:Port"] = "2304" });

        Assert.Equal(2303, both.Services.GetRequiredService<IOptions<SshOptions>>().Value.Port);
        Assert.Equal(2304, later.Services.GetRequiredService<IOptions<SshOptions>>().Value.Port);
    }

    [Fact]
    public void Without_old_keys_there_is_no_warning()
    {
        using var host = Host([]);

        Assert.Null(host.Services.GetRequiredService<RenamedKeys>().Warning);
    }

    [Fact]
    public void Every_key_of_the_Ssh_section_is_still_read_under_its_Sftp_name()
    {
        var renamed = RenamedKeys.Map.Where(m => m.Old.StartsWith("Sftp:", StringComparison.Ordinal)).Select(m => m.New).ToHashSet();
        foreach (var property in typeof(SshOptions).GetProperties())
        {
            Assert.Contains($"Ssh:{property.Name}", renamed);
        }
    }

    private Microsoft.Extensions.Hosting.IHost Host(Dictionary<string, string?> config)
    {
        config["Storage:Root"] = _temp.Combine("data");
        config["Web:Port"] = "0";
        return ReceiverHost.CreateBuilder(config).Build();
    }

    public void Dispose() => _temp.Dispose();
}
