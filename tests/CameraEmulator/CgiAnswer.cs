using System.Text;

namespace CameraEmulator;

/// <summary>A param.cgi answer: <c>name="value";</c> lines, CRLF-terminated, ending with <c>response</c>.</summary>
public sealed class CgiAnswer
{
    private readonly List<KeyValuePair<string, string>> _values = [];

    public CgiAnswer(string command, int response = 200)
    {
        Command = command;
        Response = response;
    }

    public string Command { get; }

    public int Response { get; set; }

    public static CgiAnswer Error(string command, int response) => new(command, response);

    public CgiAnswer Add(string name, string value)
    {
        _values.Add(new(name, value));
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("cmd=\"").Append(Command).Append("\";\r\n");
        foreach (var (name, value) in _values)
        {
            text.Append(name).Append("=\"").Append(value).Append("\";\r\n");
        }

        text.Append("response=\"").Append(Response).Append("\";\r\n");
        return text.ToString();
    }
}
