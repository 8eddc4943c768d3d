using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Receiver.Events.Tests;

/// <summary>Webhooks verified by the StandardWebhooks package, and an ntfy-shaped receiver, behind the real receiver.</summary>
public sealed class WebhookAndNtfyTests
{
    private const string Password = "Camera-Password-2";
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("a test secret of thirty-two bytes"));

    [Fact]
    public async Task Every_webhook_delivery_retries_included_verifies_with_the_StandardWebhooks_package()
    {
        // The first two attempts fail (503, then 500): the receiver must retry, re-signing each attempt.
        using var hook = new HttpCapture(n => n <= 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.NoContent);
        await using var receiver = await EventsReceiver.StartAsync(new Dictionary<string, string?>
        {
            ["Events:Webhooks:0:Url"] = hook.Url("/hook"),
            ["Events:Webhooks:0:Secret"] = Secret,
            ["Events:MaxRetrySeconds"] = "1",
        });
        receiver.AddCamera("yard", Password);
        var first = TestFiles.Jpeg(8_000, seed: 3);
        var second = TestFiles.Random(9_000, seed: 4);
        receiver.UploadSftp("yard", Password, "one.jpg", first);
        var curl = await receiver.UploadFtpAsync("yard", Password, "two.bin", second);
        Assert.True(curl.ExitCode == 0, curl.Describe());

        await Wait.UntilAsync(() => hook.Requests.Count >= 4, "two failed attempts and two deliveries");
        var verifier = new StandardWebhook(Secret);
        foreach (var request in hook.Requests)
        {
            Assert.Equal("POST", request.Method);
            var headers = new HeaderDictionary();
            foreach (var (name, value) in request.Headers)
            {
                headers[name] = value;
            }

            // Throws WebhookVerificationException on a bad signature or a stale timestamp.
            verifier.Verify(Encoding.UTF8.GetString(request.Body), headers);
            Assert.Equal("application/json", request.Headers["Content-Type"]);
        }

        var ids = hook.Requests.Select(r => r.Headers["webhook-id"]).ToList();
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(ids[0], ids[2]);
        var bodies = hook.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(ids[0], bodies[2].GetProperty("id").GetString());
        Assert.Equal(EventsReceiver.Sha256(first), bodies[2].GetProperty("sha256").GetString());
        Assert.Equal("snapshot", bodies[2].GetProperty("event_type").GetString());
        Assert.Equal(EventsReceiver.Sha256(second), bodies[3].GetProperty("sha256").GetString());
        Assert.Equal("file", bodies[3].GetProperty("event_type").GetString());
        Assert.Equal("ftp", bodies[3].GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Ntfy_gets_the_jpeg_with_filename_title_and_token_and_a_clip_over_the_limit_as_text()
    {
        using var ntfy = new HttpCapture();
        await using var receiver = await EventsReceiver.StartAsync(new Dictionary<string, string?>
        {
            ["Events:Webhooks:0:Url"] = ntfy.Url("/cameras"),
            ["Events:Webhooks:0:Format"] = "ntfy",
            ["Events:Webhooks:0:Token"] = "tk_testtoken123",
            ["Events:Webhooks:0:MaxAttachmentKilobytes"] = "16",
        });
        receiver.AddCamera("door", Password);
        var jpeg = TestFiles.Jpeg(12_000, seed: 5);
        receiver.UploadSftp("door", Password, "P_0001.jpg", jpeg);
        var curl = await receiver.UploadFtpAsync("door", Password, "long.mp4", TestFiles.Random(40_000));
        Assert.True(curl.ExitCode == 0, curl.Describe());

        await Wait.UntilAsync(() => ntfy.Requests.Count >= 2, "two ntfy notifications");
        var picture = ntfy.Requests[0];
        Assert.Equal("PUT", picture.Method);
        Assert.Equal("/cameras", picture.Path);
        Assert.Equal(jpeg, picture.Body);
        Assert.Equal("P_0001.jpg", picture.Headers["Filename"]);
        Assert.Contains("door", picture.Headers["Title"], StringComparison.Ordinal);
        Assert.Equal("Bearer tk_testtoken123", picture.Headers["Authorization"]);

        var clip = ntfy.Requests[1];
        Assert.False(clip.Headers.ContainsKey("Filename"));
        Assert.StartsWith("text/plain", clip.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("long.mp4", Encoding.UTF8.GetString(clip.Body), StringComparison.Ordinal);
        Assert.Contains("too large", Encoding.UTF8.GetString(clip.Body), StringComparison.Ordinal);
        Assert.Equal("Bearer tk_testtoken123", clip.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_per_camera_filter_keeps_other_event_types_away_from_that_sink()
    {
        using var hook = new HttpCapture(_ => HttpStatusCode.OK);
        await using var receiver = await EventsReceiver.StartAsync(new Dictionary<string, string?>
        {
            ["Events:Webhooks:0:Url"] = hook.Url("/only-clips"),
            ["Events:Webhooks:0:Secret"] = Secret,
            ["Events:Webhooks:0:Filter:gate"] = "clip",
        });
        receiver.AddCamera("gate", Password);
        receiver.UploadSftp("gate", Password, "a.jpg", TestFiles.Jpeg(3_000));
        receiver.UploadSftp("gate", Password, "b.mp4", TestFiles.Random(3_000));
        await Wait.UntilAsync(() => hook.Requests.Count >= 1, "the clip's webhook");
        receiver.UploadSftp("gate", Password, "c.mp4", TestFiles.Random(3_000, seed: 9));
        await Wait.UntilAsync(() => hook.Requests.Count >= 2, "the second clip's webhook");
        Assert.All(hook.Requests, r => Assert.Equal("clip", JsonDocument.Parse(r.Body).RootElement.GetProperty("event_type").GetString()));
    }
}
