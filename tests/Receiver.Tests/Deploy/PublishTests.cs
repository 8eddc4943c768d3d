namespace Receiver.Tests.Deploy;

/// <summary>Base images cannot be pulled here, so the image's own build step is run for both architectures.</summary>
public sealed class PublishTests : IDisposable
{
    private const ushort ElfMachineX64 = 0x3E;
    private const ushort ElfMachineArm64 = 0xB7;

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("linux-x64", ElfMachineX64)]
    [InlineData("linux-arm64", ElfMachineArm64)]
    public async Task The_images_publish_step_builds_a_runnable_receiver(string rid, ushort machine)
    {
        var output = _temp.Combine(rid);
        var result = await ExternalProcess.RunAsync("sh", [RepositoryRoot.Combine("deploy", "docker", "publish.sh"), rid, output], timeout: TimeSpan.FromMinutes(12));
        Assert.True(result.ExitCode == 0, result.Describe());

        var program = Path.Combine(output, "receiver");
        var header = File.ReadAllBytes(program).AsSpan(0, 20).ToArray();
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(machine, BitConverter.ToUInt16(header, 18));
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));

        if (rid == "linux-x64")
        {
            var help = await ExternalProcess.RunAsync(program, ["--help"]);
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("--add-camera", help.StandardOutput);
        }
    }

    [Fact]
    public void The_dockerfile_uses_that_step_runs_as_a_user_and_keeps_data_in_a_volume()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("Dockerfile"));
        Assert.Contains("deploy/docker/publish.sh", dockerfile);
        Assert.Contains("USER receiver", dockerfile);
        Assert.Contains("VOLUME /data", dockerfile);
        Assert.Contains("EXPOSE 2222 2121 990 50000-50100", dockerfile);
        Assert.Contains("HEALTHCHECK", dockerfile);
        var compose = File.ReadAllText(RepositoryRoot.Combine("deploy", "docker", "compose.yaml"));
        Assert.Contains("Ftp__PassiveAddress", compose);
        Assert.Contains("50000-50100:50000-50100", compose);
    }

    public void Dispose() => _temp.Dispose();
}
