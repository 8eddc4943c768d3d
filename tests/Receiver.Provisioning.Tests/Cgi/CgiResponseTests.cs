using Receiver.Provisioning.Cgi;

namespace Receiver.Provisioning.Tests.Cgi;

public class CgiResponseTests
{
    // Recorded from the vendor reference (getftpattr, basic auth example).
    private const string GetFtpAttr = "cmd=\"getftpattr\";\nft_server=\"192.168.2.111\";\nft_port=\"21\";\nft_username=\"admin\";\nft_dirname=\"./hello\";\nft_dirmode=\"1\";\nft_mode=\"1\";\nft_ssl=\"1\";\nft_insecure=\"1\";\nresponse=\"200\";\n";

    private const string GetFtpActionAll = "cmd=\"getftpaction\";\r\nenable['rec']=\"0\";\r\ninterval['rec']=\"0\";\r\nenable['snap']=\"0\";\r\ninterval['snap']=\"15\";\r\nenable['timersnap']=\"0\";\r\ninterval['timersnap']=\"820\";\r\nresponse=\"200\";\r\n";

    [Fact]
    public void Parses_the_reference_getftpattr_answer()
    {
        var r = CgiResponse.Parse(GetFtpAttr);

        Assert.Equal(200, r.ResponseCode);
        Assert.Equal("192.168.2.111", r.Get("ft_server"));
        Assert.Equal("./hello", r.Get("ft_dirname"));
        Assert.Equal(21, r.RequireInt("ft_port"));
        Assert.Null(r.Get("ft_password"));
    }

    [Fact]
    public void Parses_indexed_names_with_quotes_and_brackets()
    {
        var r = CgiResponse.Parse(GetFtpActionAll);

        Assert.Equal("15", r.GetIndexed("interval", "snap"));
        Assert.Equal("820", r.Get("interval['timersnap']"));
        Assert.Equal("0", r.GetIndexed("enable", "rec"));
    }

    [Fact]
    public void Parses_numeric_index_empty_values_var_prefix_and_values_with_quotes_and_semicolons()
    {
        var r = CgiResponse.Parse("var as_server[1]=\"10.0.0.1\";\nname=\"\";\npublickey=\"ssh-rsa AAAA+/== a;b\";\nodd=\"say \"hi\"\";\n");

        Assert.Equal("10.0.0.1", r.Get("as_server[1]"));
        Assert.Equal(string.Empty, r.Get("name"));
        Assert.True(r.Contains("name"));
        Assert.Equal("ssh-rsa AAAA+/== a;b", r.Get("publickey"));
        Assert.Equal("say \"hi\"", r.Get("odd"));
    }

    [Fact]
    public void Parses_the_short_testftp_answer_without_response_code()
    {
        var r = CgiResponse.Parse("result=\"0\";");

        Assert.Null(r.ResponseCode);
        Assert.Equal(0, r.RequireInt("result"));
    }

    [Theory]
    [InlineData("<html><body>Not Found</body></html>")]
    [InlineData("")]
    [InlineData("garbage = not quoted;\nx=\"unterminated;")]
    public void Ignores_lines_that_are_not_camera_values(string body)
    {
        Assert.Empty(CgiResponse.Parse(body).Values);
    }

    [Fact]
    public void Missing_or_non_numeric_required_values_name_the_value()
    {
        var r = CgiResponse.Parse("ft_port=\"abc\";\n");

        Assert.Contains("ft_port", Assert.Throws<CameraProtocolException>(() => r.RequireInt("ft_port")).Message);
        Assert.Contains("snapcount", Assert.Throws<CameraProtocolException>(() => r.Require("snapcount")).Message);
    }
}
