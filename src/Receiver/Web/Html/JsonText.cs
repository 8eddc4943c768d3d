using System.Text;
using System.Text.Json;

namespace Receiver.Web.Html;

/// <summary>One JSON object as text, written by hand (no reflection: a NativeAOT build keeps it).</summary>
internal static class JsonText
{
    public static string Object(Action<Utf8JsonWriter> write, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
