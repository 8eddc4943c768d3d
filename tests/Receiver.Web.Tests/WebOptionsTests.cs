namespace Receiver.Web.Tests;

public sealed class WebOptionsTests : IDisposable
{
    private readonly TempFolder _temp = new("web-options-");

    [Theory]
    [InlineData("Web:Port", "70000", "Web:Port must be 0 (off) or 1-65535")]
    [InlineData("Web:HttpPort", "-1", "Web:HttpPort must be 0 (off) or 1-65535")]
    [InlineData("Web:ListenAddress", "my.nas", "Web:ListenAddress must be '*' or an IP address")]
    [InlineData("Web:MetricsAllowFrom", "10.0.0.0/8, prometheus.lan", "Web:MetricsAllowFrom: 'prometheus.lan' is not an address or network")]
    [InlineData("Web:CertificatePath", "/nonexistent/web.pem", "Web:CertificatePath: no such file")]
    [InlineData("Web:SessionIdleHours", "0", "Web:SessionIdleHours must be between 1 and 2160")]
    public async Task A_bad_web_value_stops_the_start_with_a_message_naming_the_key(string key, string value, string message)
    {
        var configuration = new Dictionary<string, string?> { ["Ssh:Port"] = "0", ["Ftp:Port"] = "0", [key] = value };

        var result = await CliRunner.RunAsync(_temp.Path, [], config: configuration).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    public void Dispose() => _temp.Dispose();
}
