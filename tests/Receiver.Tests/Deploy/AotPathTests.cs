using System.Text.RegularExpressions;
using Receiver.Tests.Support;

namespace Receiver.Tests.Deploy;

/// <summary>
/// The trim/AOT warnings left in the NativeAOT build are in packages, on paths the receiver must not take
/// (README, NativeAOT). These keep it off them; scripts/aot-check.sh runs the paths it does take in the AOT build.
/// </summary>
public sealed partial class AotPathTests
{
    [Fact]
    public void No_log_message_asks_Serilog_to_destructure_an_object_by_reflection()
    {
        // "{@Value}" makes Serilog walk the object's properties by reflection (its IL2067 in the AOT build).
        var offenders = SourceFiles().Where(f => Destructuring().IsMatch(File.ReadAllText(f))).ToList();

        Assert.True(offenders.Count == 0, "Destructuring '{@...}' in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_camera_client_gives_Flurl_no_object_to_reflect_over_and_its_own_json_serializer()
    {
        // Flurl's object overloads (SetQueryParams(object), WithHeaders(object), PostUrlEncodedAsync, PostJsonAsync,
        // ReceiveJson) read properties by reflection (its IL2075/IL2026/IL3050 in the AOT build).
        var reflective = new Regex(@"\.(SetQueryParams|WithHeaders|WithCookies|PostUrlEncodedAsync|PostJsonAsync|PutJsonAsync|PatchJsonAsync|ReceiveJson|GetJsonAsync)\(");
        var flurlUsers = SourceFiles().Where(f => File.ReadAllText(f).Contains("using Flurl", StringComparison.Ordinal)).ToList();
        var offenders = flurlUsers.Where(f => reflective.IsMatch(File.ReadAllText(f))).ToList();

        Assert.NotEmpty(flurlUsers);
        Assert.True(offenders.Count == 0, "Reflective Flurl calls in: " + string.Join(", ", offenders));
        Assert.Contains("Settings.JsonSerializer = SourceGeneratedJsonSerializer.Instance", File.ReadAllText(RepositoryRoot.Combine("src", "Receiver.Provisioning", "Cgi", "CameraCgiClient.cs")));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"""[^""\n]*\{@[A-Za-z]")]
    private static partial Regex Destructuring();
}
