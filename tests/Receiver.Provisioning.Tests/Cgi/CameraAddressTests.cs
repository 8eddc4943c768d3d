using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Tests.Cgi;

public class CameraAddressTests
{
    [Theory]
    [InlineData("192.168.2.168", "http://192.168.2.168/", null, null)]
    [InlineData("192.168.2.168:8080", "http://192.168.2.168:8080/", null, null)]
    [InlineData("https://cam.local", "https://cam.local/", null, null)]
    [InlineData("http://admin:p%40ss%3Aword@10.0.0.5:81/anything", "http://10.0.0.5:81/", "admin", "p@ss:word")]
    [InlineData("[::1]:8080", "http://[::1]:8080/", null, null)]
    public void Parses_host_host_port_and_urls_with_credentials(string text, string baseUri, string? user, string? password)
    {
        var address = CameraAddress.Parse(text);

        Assert.Equal(baseUri, address.BaseUri.ToString());
        Assert.Equal(user, address.User);
        Assert.Equal(password, address.Password);
        Assert.DoesNotContain("@", address.ToString());
    }

    [Theory]
    [InlineData("ftp://camera")]
    [InlineData("http://")]
    public void Rejects_what_is_not_a_camera_web_address(string text)
    {
        Assert.Throws<CameraValueException>(() => CameraAddress.Parse(text));
    }

    [Fact]
    public void Error_message_does_not_show_the_password()
    {
        var ex = Assert.Throws<CameraValueException>(() => CameraAddress.Parse("ftp://admin:secret@camera"));
        Assert.DoesNotContain("secret", ex.Message);
    }
}
