using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flurl.Http.Configuration;

namespace Receiver.Provisioning.Cgi;

/// <summary>
/// Flurl's JSON serializer for the camera client: System.Text.Json with source-generated metadata only, instead of
/// Flurl's default, which reflects over the types at run time (a NativeAOT build cannot). The camera's CGI API
/// answers in text, so only JSON documents as such are registered; any other type fails plainly.
/// </summary>
internal sealed class SourceGeneratedJsonSerializer(JsonSerializerContext context) : ISerializer
{
    public static readonly SourceGeneratedJsonSerializer Instance = new(CgiJsonContext.Default);

    public string Serialize(object obj) => JsonSerializer.Serialize(obj, TypeInfo(obj.GetType()));

    public T Deserialize<T>(string s) => (T)JsonSerializer.Deserialize(s, TypeInfo(typeof(T)))!;

    public T Deserialize<T>(Stream stream) => (T)JsonSerializer.Deserialize(stream, TypeInfo(typeof(T)))!;

    private JsonTypeInfo TypeInfo(Type type) =>
        context.GetTypeInfo(type) ?? throw new NotSupportedException($"The camera client has no JSON form for {type.Name}.");
}

[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CgiJsonContext : JsonSerializerContext;
