using System.Collections.ObjectModel;
using System.Globalization;

namespace Receiver.Provisioning.Cgi;

/// <summary>
/// The parsed body of a param.cgi answer: <c>name="value";</c> lines (older firmware prefixes <c>var </c>).
/// Indexed names such as <c>enable['rec']</c> or <c>as_server[1]</c> are kept verbatim as keys.
/// </summary>
public sealed class CgiResponse
{
    private readonly Dictionary<string, string> _values;

    private CgiResponse(Dictionary<string, string> values, string body)
    {
        _values = values;
        Body = body;
    }

    public string Body { get; }

    public IReadOnlyDictionary<string, string> Values => new ReadOnlyDictionary<string, string>(_values);

    /// <summary>The <c>response</c> code, or null when the answer has none (short answers such as testftp's).</summary>
    public int? ResponseCode =>
        _values.TryGetValue("response", out var code) && int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public bool Contains(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Value of <c>name['index']</c> (the form the camera uses for per-type values).</summary>
    public string? GetIndexed(string name, string index) => Get($"{name}['{index}']") ?? Get($"{name}[{index}]");

    public string Require(string name) =>
        Get(name) ?? throw new CameraProtocolException($"The camera's answer has no '{name}' value.", Body);

    public int RequireInt(string name)
    {
        var text = Require(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CameraProtocolException($"The camera's '{name}' value is not a number: \"{text}\".", Body);
    }

    public static CgiResponse Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in body.Split('\n'))
        {
            if (TryParseLine(rawLine, out var name, out var value))
            {
                values[name] = value;
            }
        }

        return new CgiResponse(values, body);
    }

    /// <summary>Parses one <c>name="value";</c> line; the value runs from the first <c>="</c> to the last quote.</summary>
    internal static bool TryParseLine(string line, out string name, out string value)
    {
        name = value = string.Empty;
        var text = line.Trim();
        if (text.StartsWith("var ", StringComparison.Ordinal))
        {
            text = text[4..].TrimStart();
        }

        if (text.EndsWith(';'))
        {
            text = text[..^1].TrimEnd();
        }

        var equals = text.IndexOf("=\"", StringComparison.Ordinal);
        if (equals <= 0 || text.Length < equals + 3 || text[^1] != '"')
        {
            return false;
        }

        var candidate = text[..equals].Trim();
        if (!IsName(candidate))
        {
            return false;
        }

        name = candidate;
        value = text[(equals + 2)..^1];
        return true;
    }

    // Letters, digits, '_' and an optional index part: enable['rec'], as_server[1].
    private static bool IsName(string candidate)
    {
        var bracket = candidate.IndexOf('[');
        var stem = bracket < 0 ? candidate : candidate[..bracket];
        if (stem.Length == 0 || !stem.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return false;
        }

        if (bracket < 0)
        {
            return true;
        }

        var index = candidate[bracket..];
        return index.Length >= 3 && index[^1] == ']' && index.IndexOfAny(['"', ' ', '=']) < 0;
    }
}
