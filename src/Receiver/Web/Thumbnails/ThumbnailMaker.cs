using SkiaSharp;

namespace Receiver.Web.Thumbnails;

/// <summary>
/// A small JPEG of a camera picture, with SkiaSharp. The header is read first and a picture over
/// <see cref="MaxSourcePixels"/> is refused before any pixel is decoded; JPEGs are decoded already scaled down
/// (1/2 to 1/8), and the decode buffer itself is capped, so a crafted file cannot take the Pi's memory.
/// </summary>
public static class ThumbnailMaker
{
    public const int MaxEdge = 320;
    public const long MaxSourcePixels = 40_000_000;
    public const long MaxDecodePixels = 4_000_000;

    /// <summary>The smallest size the codec decodes to directly (JPEG: 1/8 to 8/8) that still covers the thumbnail.</summary>
    private static SKSizeI DecodeSize(SKCodec codec)
    {
        var full = codec.Info.Size;
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Max(size.Width, size.Height) >= Math.Min(MaxEdge, Math.Max(full.Width, full.Height)))
            {
                return size;
            }
        }

        return full;
    }

    /// <summary>The thumbnail's JPEG bytes, or null when the file is no picture, is damaged or is too large.</summary>
    public static byte[]? Make(string path)
    {
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream);
        if (codec is null)
        {
            return null;
        }

        var source = codec.Info;
        if (source.Width <= 0 || source.Height <= 0 || (long)source.Width * source.Height > MaxSourcePixels)
        {
            return null;
        }

        var decoded = DecodeSize(codec);
        if ((long)decoded.Width * decoded.Height > MaxDecodePixels)
        {
            return null;
        }

        var decodeInfo = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        var fit = Math.Min(1f, (float)MaxEdge / Math.Max(decoded.Width, decoded.Height));
        var target = new SKImageInfo(Math.Max(1, (int)(decoded.Width * fit)), Math.Max(1, (int)(decoded.Height * fit)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var small = target.Width == decoded.Width ? bitmap.Copy() : bitmap.Resize(target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        if (small is null)
        {
            return null;
        }

        using var image = SKImage.FromBitmap(small);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 75);
        return data?.ToArray();
    }
}
