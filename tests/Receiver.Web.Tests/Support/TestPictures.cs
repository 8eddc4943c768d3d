using SkiaSharp;

namespace Receiver.Web.Tests.Support;

/// <summary>Camera-like JPEGs made in the test, and a crafted one whose header claims a giant picture.</summary>
internal static class TestPictures
{
    public static byte[] Jpeg(int width = 640, int height = 360, byte shade = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(shade, 120, 160));
            using var paint = new SKPaint { Color = SKColors.Orange, IsAntialias = true };
            canvas.DrawCircle(width / 3f, height / 2f, height / 4f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>A small valid JPEG whose frame header (SOF0) is patched to claim 65000 x 65000 pixels (4.2 gigapixels).</summary>
    public static byte[] OversizedJpeg()
    {
        var jpeg = Jpeg(64, 64);
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                // FF C0, length (2), precision (1), height (2), width (2).
                jpeg[i + 5] = 0xFD;
                jpeg[i + 6] = 0xE8;
                jpeg[i + 7] = 0xFD;
                jpeg[i + 8] = 0xE8;
                return jpeg;
            }
        }

        throw new InvalidOperationException("No SOF marker in the test JPEG.");
    }
}
