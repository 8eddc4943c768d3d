using System.Net;
using Receiver.Cli;

namespace Receiver.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Root => _temp.Combine("data");

    [Fact]
    public async Task Add_camera_prints_a_strong_password_once_that_then_logs_in()
    {
        var result = await CliRunner.RunAsync(Root, ["--add-camera", "garage"]);

        Assert.Equal(0, result.ExitCode);
        var password = result.Output.Split('\n').Single(l => l.StartsWith("Password", StringComparison.Ordinal)).Split(':')[1].Trim();
        Assert.Matches("^[A-Za-z0-9]{24}$", password);
        Assert.True(Directory.Exists(Path.Combine(Root, "garage")));
        Assert.True(Authenticator().CheckPassword("garage", password, IPAddress.Loopback, CameraProtocols.Sftp).Succeeded);
        Assert.DoesNotContain(password, File.ReadAllText(Path.Combine(Root, ".receiver", "accounts.json")));
    }

    [Fact]
    public async Task Add_camera_with_password_stdin_and_keys()
    {
        var keyFile = _temp.Combine("cam.pub");
        File.WriteAllText(keyFile, "# camera key\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw+1iSle camera\n");

        var result = await CliRunner.RunAsync(Root, ["--add-camera", "porch", "--password-stdin", "--authorized-key", keyFile, "--protocols", "sftp"], "my-own-pass\n");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("my-own-pass", result.Output);
        var account = new AccountStore(new DataPaths(Root)).Find("porch")!;
        Assert.Single(account.AuthorizedKeys);
        Assert.Equal(CameraProtocols.Sftp, account.Protocols);
        Assert.True(Authenticator().CheckPassword("porch", "my-own-pass", IPAddress.Loopback, CameraProtocols.Sftp).Succeeded);
    }

    [Fact]
    public async Task List_set_and_remove_cameras()
    {
        await CliRunner.RunAsync(Root, ["--add-camera", "garage"]);
        Directory.CreateDirectory(Path.Combine(Root, "garage", "2026-11-28"));
        File.WriteAllText(Path.Combine(Root, "garage", "2026-11-28", "snap.jpg"), "x");

        var list = await CliRunner.RunAsync(Root, ["--list-cameras"]);
        var row = list.Output.Split('\n').Single(l => l.StartsWith("garage", StringComparison.Ordinal));
        Assert.Contains("sftp,ftps,ftp", row);
        Assert.DoesNotContain("never", row);

        var set = await CliRunner.RunAsync(Root, ["--set-camera", "garage", "--allow", "delete", "--disable"]);
        Assert.Equal(0, set.ExitCode);
        var account = new AccountStore(new DataPaths(Root)).Find("garage")!;
        Assert.True(account.Permissions.HasFlag(CameraPermissions.Delete));
        Assert.False(account.Enabled);

        var remove = await CliRunner.RunAsync(Root, ["--remove-camera", "garage"]);
        Assert.Equal(0, remove.ExitCode);
        Assert.Null(new AccountStore(new DataPaths(Root)).Find("garage"));
        Assert.True(File.Exists(Path.Combine(Root, "garage", "2026-11-28", "snap.jpg")));
        Assert.Equal(1, (await CliRunner.RunAsync(Root, ["--remove-camera", "garage"])).ExitCode);
    }

    [Fact]
    public async Task Show_hostkey_prints_the_blob_the_line_and_the_fingerprint_of_the_persisted_key()
    {
        var first = await CliRunner.RunAsync(Root, ["--show-hostkey"]);
        var second = await CliRunner.RunAsync(Root, ["--show-hostkey"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        var publicLine = File.ReadAllText(Path.Combine(Root, ".receiver", "keys", "ssh_host_ed25519_key.pub")).Trim();
        var blob = publicLine.Split(' ')[1];
        Assert.Contains($"Host key (base64, as the camera shows it): {blob}", first.Output);
        Assert.Contains("ssh-ed25519 " + blob, first.Output);
        Assert.Matches("Fingerprint: +SHA256:[A-Za-z0-9+/]{43}\n", first.Output);
    }

    [Fact]
    public async Task Quota_is_set_per_camera_falls_back_to_the_default_and_is_listed_with_the_use()
    {
        await CliRunner.RunAsync(Root, ["--add-camera", "garage", "--quota-mb", "500", "--allow", "overwrite"]);
        await CliRunner.RunAsync(Root, ["--add-camera", "porch"]);
        Directory.CreateDirectory(Path.Combine(Root, "garage", "2026-11-28"));
        File.WriteAllBytes(Path.Combine(Root, "garage", "2026-11-28", "clip.mp4"), new byte[3 * 1024 * 1024]);
        var defaults = new Dictionary<string, string?> { ["Storage:CameraQuotaMegabytes"] = "200" };

        var list = await CliRunner.RunAsync(Root, ["--list-cameras"], config: defaults);
        var set = await CliRunner.RunAsync(Root, ["--set-camera", "porch", "--quota-mb", "0"]);
        var after = await CliRunner.RunAsync(Root, ["--list-cameras"], config: defaults);
        var bad = await CliRunner.RunAsync(Root, ["--set-camera", "porch", "--quota-mb", "lots"]);

        Assert.Contains("USED", list.Output);
        Assert.Contains("QUOTA", list.Output);
        Assert.Matches(@"^garage .* 3 MiB +500 MiB ", list.Output.Split('\n').Single(l => l.StartsWith("garage", StringComparison.Ordinal)));
        Assert.Matches(@"^porch .* 0 MiB +200 MiB ", list.Output.Split('\n').Single(l => l.StartsWith("porch", StringComparison.Ordinal)));
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("quota none", set.Output);
        Assert.Matches(@"^porch .* 0 MiB +none ", after.Output.Split('\n').Single(l => l.StartsWith("porch", StringComparison.Ordinal)));
        Assert.True(new AccountStore(new DataPaths(Root)).Find("garage")!.Permissions.HasFlag(CameraPermissions.Overwrite));
        Assert.Equal(64, bad.ExitCode);
        Assert.Contains("--quota-mb takes a number", bad.Error);
    }

    [Theory]
    [InlineData(new[] { "--add-camera", "Bad Name" }, "not valid")]
    [InlineData(new[] { "--add-camera" }, "needs a value")]
    [InlineData(new[] { "--frobnicate" }, "Unknown command '--frobnicate'")]
    [InlineData(new[] { "--list-cameras", "--bogus", "x" }, "--list-cameras does not take --bogus")]
    [InlineData(new[] { "--add-camera", "x", "--protocols", "smb" }, "Unknown protocol 'smb'")]
    [InlineData(new[] { "--add-camera", "x", "--deny", "delete" }, "--add-camera does not take --deny")]
    [InlineData(new[] { "--add-camera", "x", "--quota-mb" }, "--quota-mb needs a value")]
    public async Task Bad_command_lines_say_what_is_wrong(string[] args, string message)
    {
        var result = await CliRunner.RunAsync(Root, args);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var result = await CliRunner.RunAsync(Root, ["--help"]);
        foreach (var verb in new[] { "--add-camera", "--set-camera", "--remove-camera", "--list-cameras", "--show-hostkey", "--enroll", "--health" })
        {
            Assert.Contains(verb, result.Output);
        }
    }

    [Fact]
    public async Task Help_shows_every_verb_and_option_the_parser_takes()
    {
        var help = (await CliRunner.RunAsync(Root, ["--help"])).Output;

        foreach (var verb in Verbs.All)
        {
            Assert.Contains("receiver " + verb.Synopsis, help);
            foreach (var option in verb.Options)
            {
                Assert.Contains(option.Synopsis, help);
                var args = new List<string> { verb.Name };
                if (verb.Argument is not null)
                {
                    args.Add("x");
                }

                args.Add(option.Name);
                if (option.Value is not null)
                {
                    args.Add("v");
                }

                Assert.Equal(option.Value is null ? "true" : "v", CommandLine.Parse([.. args], verb).Get(option.Name));
            }
        }
    }

    [Fact]
    public void The_readme_command_table_is_the_one_the_verbs_declare()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md")).ReplaceLineEndings("\n");

        Assert.True(readme.Contains(HelpText.MarkdownTable(), StringComparison.Ordinal), "README.md's command table differs from the verbs' records; it should read:\n" + HelpText.MarkdownTable());
    }

    [Fact]
    public async Task Require_tls_on_set_camera_is_a_flag_or_takes_true_or_false()
    {
        await CliRunner.RunAsync(Root, ["--add-camera", "garage"]);

        var on = await CliRunner.RunAsync(Root, ["--set-camera", "garage", "--require-tls"]);
        var stillOn = new AccountStore(new DataPaths(Root)).Find("garage")!.RequireTls;
        var off = await CliRunner.RunAsync(Root, ["--set-camera", "garage", "--require-tls", "false", "--disable"]);
        var account = new AccountStore(new DataPaths(Root)).Find("garage")!;

        Assert.Equal(0, on.ExitCode);
        Assert.True(stillOn);
        Assert.Equal(0, off.ExitCode);
        Assert.False(account.RequireTls);
        Assert.False(account.Enabled);
    }

    private CameraAuthenticator Authenticator() => new(
        new AccountStore(new DataPaths(Root)),
        new PasswordHasher(),
        new LoginThrottle(Microsoft.Extensions.Options.Options.Create(new SecurityOptions()), TimeProvider.System, NullLogger<LoginThrottle>.Instance),
        NullLogger<CameraAuthenticator>.Instance);

    public void Dispose() => _temp.Dispose();
}
