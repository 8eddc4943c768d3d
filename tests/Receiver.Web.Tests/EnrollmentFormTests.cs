namespace Receiver.Web.Tests;

public class EnrollmentFormTests : WebReceiverTests
{
    [Fact]
    public async Task An_enrollment_started_from_the_form_runs_to_its_end_without_a_browser_and_the_page_shows_its_outcome()
    {
        await using var camera = new CameraEmulator.EmulatedCamera();
        await camera.StartAsync();
        var (client, token) = await Receiver.SignedInClientAsync();
        using (client)
        {
            using var start = await client.PostAsync("/enroll", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_token"] = token,
                ["address"] = $"http://127.0.0.1:{camera.Port}",
                ["password"] = "instar",
                ["name"] = "gate",
                ["protocol"] = "ftp",
                ["receiver_address"] = "127.0.0.1",
            }));
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

            // Nobody watches the steps: the enrollment goes on by itself.
            await Receiver.Get<Enroll.EnrollmentJobs>().WhenAllDoneAsync().WaitAsync(TimeSpan.FromMinutes(2));

            var job = await client.GetStringAsync(start.Headers.Location);
            var list = await client.GetStringAsync("/enroll");
            Assert.Contains("outcome ok", job);
            Assert.Contains("Camera enrolled: uploads go to &#x27;gate&#x27;.", job);
            Assert.Contains("[1] Checking the receiver service", job);
            Assert.Contains("Camera enrolled", list);
            Assert.Equal("gate", camera.State.Ftp["ft_username"]);
            Assert.DoesNotContain(camera.State.FtpPassword, job);
        }
    }
}
