namespace Receiver.Tests.Hosting;

public sealed class OptionsValidationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("Storage:Layout", "dialy", "Storage:Layout must be 'daily' or 'camera'")]
    [InlineData("Storage:RetentionDays", "-1", "Storage:RetentionDays must be between 0 and 36500")]
    [InlineData("Storage:MinFreeDiskPercent", "99", "Storage:MinFreeDiskPercent must be between 0 and 90")]
    [InlineData("Ssh:Port", "70000", "Ssh:Port must be between 0 and 65535")]
    [InlineData("Ssh:Port", "abc", "'Ssh:Port'")]
    [InlineData("Ssh:RekeyIntervalMinutes", "0", "Ssh:RekeyIntervalMinutes must be between 1 and 1440")]
    [InlineData("Ssh:Profile", "ancient", "Ssh:Profile must be 'modern' or 'legacy'")]
    [InlineData("Ssh:ListenAddress", "localhost", "Ssh:ListenAddress must be '*' or an IP address")]
    [InlineData("Ftp:PassivePorts", "50100-50000", "Ftp:PassivePorts must be 'first-last'")]
    [InlineData("Ftp:PassiveAddress", "my.nas", "Ftp:PassiveAddress must be an IP address")]
    [InlineData("Ftp:ImplicitTlsPort", "2121", "Ftp:ImplicitTlsPort must differ from Ftp:Port")]
    [InlineData("Ftps:CertificatePath", "/nonexistent/cert.pem", "Ftps:CertificatePath must name an existing PEM file")]
    [InlineData("Ssh:MaxStartups", "40:30:20", "Ssh:MaxStartups must be 'start:rate:full'")]
    [InlineData("Ftp:MaxStartups", "10:0:30", "Ftp:MaxStartups must be 'start:rate:full'")]
    [InlineData("Security:PerSourceNetBlockSize", "33:128", "Security:PerSourceNetBlockSize must be 'ipv4bits:ipv6bits'")]
    [InlineData("Security:PerSourcePenalties:ThresholdSeconds", "0", "Security:PerSourcePenalties:ThresholdSeconds must be between 1 and 86400")]
    [InlineData("Security:AccountSlowdownMaxMilliseconds", "60000", "Security:AccountSlowdownMaxMilliseconds must be between 0 and 10000")]
    [InlineData("Security:LockoutSeconds", "0", "Security:LockoutSeconds must be between 1 and 86400")]
    [InlineData("Sftp:Port", "70000", "Ssh:Port must be between 0 and 65535")]
    [InlineData("Ftp:MaxConnectionsPerIp", "0", "Ftp:MaxConnectionsPerSource must be between 1 and 10000")]
    [InlineData("Enrollment:SftpPort", "70000", "Enrollment:SftpPort must be between 0 and 65535")]
    [InlineData("Enrollment:FtpPort", "ftp", "'Enrollment:FtpPort'")]
    [InlineData("Enrollment:ReceiverAddress", "http://nas", "Enrollment:ReceiverAddress must be a host name or IP address")]
    [InlineData("Serilog:WriteTo:0:Name", "Seq", "Serilog:WriteTo:0:Name: 'Seq' is not built in")]
    [InlineData("Serilog:MinimumLevel:Default", "Loud", "Serilog:MinimumLevel:Default must be Verbose, Debug, Information, Warning, Error or Fatal")]
    [InlineData("Serilog:MinimumLevel:Override:Receiver", "Chatty", "Serilog:MinimumLevel:Override:Receiver must be")]
    [InlineData("Serilog:Filter:0:Name", "ByExcluding", "Serilog:Filter is not a logging setting")]
    [InlineData("Serilog:WriteTo:0:Args:theme", "Literate", "Serilog:WriteTo:0:Args:theme is not a logging setting")]
    [InlineData("Serilog:Using:0", "Serilog.Sinks.Seq", "Serilog:Using:0: 'Serilog.Sinks.Seq' is not built in")]
    public async Task A_bad_value_stops_the_start_with_a_message_naming_the_key(string key, string value, string message)
    {
        // No arguments: the service itself. It must refuse before it listens on anything.
        var result = await CliRunner.RunAsync(_temp.Combine("data"), [], config: new Dictionary<string, string?> { [key] = value }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _temp.Dispose();
}
