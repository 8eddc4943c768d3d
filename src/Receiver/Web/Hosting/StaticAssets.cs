using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Receiver.Web.Hosting;

/// <summary>The stylesheet and scripts, embedded in the program (nothing is read from disk or fetched at run time).</summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Assets = Load();

    public static IResult Get(string name) => Assets.TryGetValue(name, out var asset)
        ? Results.Bytes(asset.Bytes, asset.Type)
        : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "Receiver.Web.Assets.";
        var assembly = typeof(StaticAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
