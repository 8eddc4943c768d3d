using Receiver.Abstractions;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Receiver.Accounts;

/// <summary>The account file's JSON form (camel case, enums by name), source-generated so a NativeAOT build reads and writes it.</summary>
internal static class AccountJson
{
    public static readonly AccountJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        // Readable by hand: '+', '<' and the like stay as they are (the file is never served to a browser).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter<CameraProtocols>(), new JsonStringEnumConverter<CameraPermissions>() },
    });
}

/// <summary>The whole account file.</summary>
internal sealed class AccountsDocument
{
    public int Version { get; set; } = 1;

    public List<CameraAccount> Accounts { get; set; } = [];
}

[JsonSerializable(typeof(AccountsDocument))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;
