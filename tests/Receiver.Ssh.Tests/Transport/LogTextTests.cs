using Receiver.Abstractions;
namespace Receiver.Ssh.Tests.Transport;

/// <summary>Client-supplied strings reach the log with their control and format characters escaped.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("camera1", "camera1")]
    [InlineData("cam\r\nINFO forged line", "cam\\x0d\\x0aINFO forged line")]
    [InlineData("\u001b[31mred", "\\x1b[31mred")]
    [InlineData("evil\u202egpj.exe", "evil\\u202egpj.exe")]
    [InlineData("back\\slash", "back\\x5cslash")]
    public void Control_and_format_characters_are_escaped(string input, string logged) => Assert.Equal(logged, LogText.Escape(input));

    [Fact]
    public void A_long_string_is_cut()
    {
        var logged = LogText.Escape(new string('a', 5000));
        Assert.True(logged.Length < 300, $"{logged.Length} characters");
        Assert.EndsWith("...", logged, StringComparison.Ordinal);
    }
}
