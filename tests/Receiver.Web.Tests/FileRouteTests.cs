using System.Net.Http.Headers;

namespace Receiver.Web.Tests;

public class FileRouteTests : WebReceiverTests
{
    [Fact]
    public async Task Clips_answer_range_requests_and_clips_a_browser_cannot_play_download_under_their_name()
    {
        Receiver.AddCamera("door", "password-door-1");
        var clip = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        SftpUpload.Put(Receiver.SftpPort, "door", "password-door-1", "alarm.mp4", clip);
        SftpUpload.Put(Receiver.SftpPort, "door", "password-door-1", "alarm.avi", clip);
        var (client, _) = await Receiver.SignedInClientAsync();
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/files/door/{Receiver.Today}/alarm.mp4");
            request.Headers.Range = new RangeHeaderValue(1000, 1999);
            using var part = await client.SendAsync(request);
            using var avi = await client.GetAsync($"/files/door/{Receiver.Today}/alarm.avi");

            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal("video/mp4", part.Content.Headers.ContentType!.MediaType);
            Assert.Equal("bytes 1000-1999/100000", part.Content.Headers.ContentRange!.ToString());
            Assert.Equal(clip[1000..2000], await part.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", avi.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("alarm.avi", avi.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal(clip, await avi.Content.ReadAsByteArrayAsync());
        }
    }
}
