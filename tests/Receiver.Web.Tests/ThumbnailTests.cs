using Receiver.Storage;

namespace Receiver.Web.Tests;

public class ThumbnailTests
{
    [Fact]
    public async Task A_crafted_jpeg_claiming_four_gigapixels_gets_no_thumbnail_and_the_service_stays_up()
    {
        await using var receiver = await WebReceiver.StartAsync();
        receiver.AddCamera("door", "password-door-1");
        Directory.CreateDirectory(receiver.DayFolder("door"));
        await File.WriteAllBytesAsync(Path.Combine(receiver.DayFolder("door"), "bomb.jpg"), TestPictures.OversizedJpeg());
        await File.WriteAllBytesAsync(Path.Combine(receiver.DayFolder("door"), "fine.jpg"), TestPictures.Jpeg(1920, 1080));
        var (client, _) = await receiver.SignedInClientAsync();
        using (client)
        {
            using var bomb = await client.GetAsync($"/thumbs/door/{receiver.Today}/bomb.jpg");
            using var again = await client.GetAsync($"/thumbs/door/{receiver.Today}/bomb.jpg");
            using var fine = await client.GetAsync($"/thumbs/door/{receiver.Today}/fine.jpg");
            using var health = await client.GetAsync("/healthz");

            Assert.Equal("image/svg+xml", bomb.Content.Headers.ContentType!.MediaType);
            Assert.Contains("no preview", await bomb.Content.ReadAsStringAsync());
            Assert.Equal("image/svg+xml", again.Content.Headers.ContentType!.MediaType);
            Assert.Equal("image/jpeg", fine.Content.Headers.ContentType!.MediaType);
            using var thumbnail = SkiaSharp.SKBitmap.Decode(await fine.Content.ReadAsByteArrayAsync());
            Assert.Equal((320, 180), (thumbnail.Width, thumbnail.Height));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var thumbs = Path.Combine(receiver.Root, ".receiver", "thumbs", "door", receiver.Today);
        Assert.True(File.Exists(Path.Combine(thumbs, "bomb.jpg.none")));
        Assert.False(File.Exists(Path.Combine(thumbs, "bomb.jpg.jpg")));
        Assert.True(File.Exists(Path.Combine(thumbs, "fine.jpg.jpg")));
    }

    [Fact]
    public async Task Thumbnails_are_made_once_and_go_with_their_day_when_retention_deletes_it()
    {
        await using var receiver = await WebReceiver.StartAsync(new Dictionary<string, string?> { ["Storage:RetentionDays"] = "30", ["Storage:MinFreeDiskPercent"] = "0" });
        receiver.AddCamera("door", "password-door-1");
        var oldDay = DateTime.Now.AddDays(-40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(receiver.Root, "door", oldDay));
        await File.WriteAllBytesAsync(Path.Combine(receiver.Root, "door", oldDay, "old.jpg"), TestPictures.Jpeg());
        var (client, _) = await receiver.SignedInClientAsync();
        using (client)
        {
            Assert.Equal("image/jpeg", (await client.GetAsync($"/thumbs/door/{oldDay}/old.jpg")).Content.Headers.ContentType!.MediaType);
        }

        var thumb = Path.Combine(receiver.Root, ".receiver", "thumbs", "door", oldDay, "old.jpg.jpg");
        var made = File.GetLastWriteTimeUtc(thumb);
        using (var again = receiver.Client())
        {
            await WebReceiver.SignInAsync(again, WebReceiver.AdminPassword);
            await again.GetAsync($"/thumbs/door/{oldDay}/old.jpg");
        }

        Assert.Equal(made, File.GetLastWriteTimeUtc(thumb));

        var deleted = receiver.Get<RetentionSweeper>().Sweep();

        Assert.Single(deleted);
        Assert.False(Directory.Exists(Path.GetDirectoryName(thumb)));
    }
}
