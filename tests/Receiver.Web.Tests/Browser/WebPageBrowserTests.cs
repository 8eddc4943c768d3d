using System.Globalization;
using CameraEmulator;
using OpenQA.Selenium;
using Receiver.Web.Live;

namespace Receiver.Web.Tests.Browser;

/// <summary>The page in Debian's headless Chromium, as an owner uses it: sign in, watch uploads arrive, manage and enroll cameras, sign out.</summary>
public class WebPageBrowserTests
{
    [Fact]
    public async Task Owner_signs_in_sees_an_sftp_upload_arrive_live_pages_through_adds_and_enrolls_a_camera_and_signs_out()
    {
        await using var receiver = await WebReceiver.StartAsync();
        await using var camera = new EmulatedCamera();
        await camera.StartAsync();
        receiver.AddCamera("door", "door-password-1");
        var yesterday = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var older = Path.Combine(receiver.Root, "door", yesterday);
        Directory.CreateDirectory(older);
        for (var i = 0; i < 65; i++)
        {
            File.WriteAllBytes(Path.Combine(older, $"A_{i:D3}.jpg"), TestPictures.Jpeg(320, 180, (byte)(i * 3)));
        }

        using var browser = Support.Browser.Start();

        // Sign in (a page first asks for it).
        browser.Go(receiver.BaseUri);
        browser.WaitFor("#password");
        Assert.Contains("/signin", browser.Driver.Url);
        browser.Find("#password").SendKeys(WebReceiver.AdminPassword);
        browser.Find("#signin").Click();
        browser.WaitFor(".camera[data-camera='door']");

        // Today's gallery, open before the camera uploads: the upload appears without a reload.
        browser.Go(new Uri(receiver.BaseUri, $"/gallery/door/{receiver.Today}"));
        browser.WaitFor("#grid[data-live='1']");
        browser.WaitUntil(() => receiver.Get<UploadFeed>().ListenerCount > 0, "the page's live connection");
        browser.Script("window.notReloaded = true;");
        SftpUpload.Put(receiver.SftpPort, "door", "door-password-1", "A_alarm_1.jpg", TestPictures.Jpeg(1280, 720, 40));
        SftpUpload.Put(receiver.SftpPort, "door", "door-password-1", "A_alarm_2.jpg", TestPictures.Jpeg(1280, 720, 200));
        browser.WaitUntil(() => browser.FindAll("#grid a.tile").Count == 2, "two tiles");
        Assert.Equal(true, browser.Script("return window.notReloaded === true;"));
        Assert.Equal("A_alarm_2.jpg", browser.FindAll("#grid a.tile")[0].GetAttribute("data-name"));
        browser.WaitUntil(() => (bool)browser.Script("return Array.from(document.querySelectorAll('#grid img')).every(i => i.complete && i.naturalWidth > 0);")!, "thumbnails loaded");
        Assert.Equal(320L, browser.Script("return document.querySelector('#grid img').naturalWidth;"));
        browser.Screenshot(RepositoryPaths.Screenshot("gallery.png"));

        // The full picture, then the next and previous one by keyboard.
        browser.FindAll("#grid a.tile")[0].Click();
        browser.WaitUntil(() => (bool)browser.Script("var i = document.getElementById('viewer-image'); return !!i && i.complete && i.naturalWidth === 1280;")!, "the full picture");
        Assert.Contains("A_alarm_2.jpg (1 of 2)", browser.Find("#viewer-caption").Text);
        browser.Find("body").SendKeys(OpenQA.Selenium.Keys.ArrowRight);
        browser.WaitUntil(() => browser.Find("#viewer-caption").Text.Contains("A_alarm_1.jpg (2 of 2)", StringComparison.Ordinal), "the next picture");
        browser.Find("body").SendKeys(OpenQA.Selenium.Keys.ArrowLeft);
        browser.WaitUntil(() => browser.Find("#viewer-caption").Text.Contains("A_alarm_2.jpg", StringComparison.Ordinal), "the previous picture");
        browser.Find("body").SendKeys(OpenQA.Selenium.Keys.Escape);
        browser.WaitUntil(() => !browser.Find("#viewer").Displayed, "the viewer closed");

        // A day with more files than a page: newest first, then the older page.
        browser.Go(new Uri(receiver.BaseUri, $"/gallery/door/{yesterday}"));
        browser.WaitFor("#page");
        Assert.Equal("page 1 of 2", browser.Find("#page").Text);
        Assert.Equal(60, browser.FindAll("#grid a.tile").Count);
        browser.Find("#older").Click();
        browser.WaitUntil(() => browser.Find("#page").Text == "page 2 of 2", "page 2");
        Assert.Equal(5, browser.FindAll("#grid a.tile").Count);

        // Add a camera: its password is shown once and logs in over sFTP.
        browser.Go(new Uri(receiver.BaseUri, "/add-camera"));
        browser.Find("#name").SendKeys("garage");
        browser.Find("#add").Click();
        browser.WaitFor("#camera-password");
        var password = browser.Find("#camera-password").Text;
        Assert.Equal(24, password.Length);
        Assert.True(SftpUpload.CanLogIn(receiver.SftpPort, "garage", password));
        browser.Go(new Uri(receiver.BaseUri, "/cameras/garage"));
        browser.WaitFor("#settings");
        Assert.DoesNotContain(password, browser.Driver.PageSource);

        // Enroll the emulated INSTAR camera from the form; its steps appear as they run.
        browser.Go(new Uri(receiver.BaseUri, "/enroll"));
        browser.Find("#address").SendKeys($"http://127.0.0.1:{camera.Port}");
        browser.Find("#camera-admin-password").SendKeys("instar");
        browser.Find("#account-name").SendKeys("porch");
        browser.Find("#receiver-address").SendKeys("127.0.0.1");
        browser.Find("#start-enroll").Click();
        browser.WaitFor("#steps");
        browser.WaitUntil(() => browser.Find("#outcome").GetAttribute("class")!.Contains("ok", StringComparison.Ordinal), "the enrollment's outcome");
        var steps = browser.FindAll("#steps li.step").Select(s => s.Text).ToList();
        Assert.Contains(steps, s => s.Contains("Reading the camera's current FTP settings", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("Authorizing the camera's own SSH key", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("Pinning the receiver's host key on the camera", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("Test upload, verified", StringComparison.Ordinal));
        Assert.Contains("Camera enrolled", browser.Find("#outcome").Text);
        Assert.Equal(receiver.Get<Receiver.Keys.HostKeyStore>().Ed25519.PublicKey.Base64, camera.State.Snapshot().PinnedHostKey);
        browser.Screenshot(RepositoryPaths.Screenshot("enrollment.png"));

        // The dashboard: every camera with its state, door's latest snapshot, the disk.
        browser.Go(receiver.BaseUri);
        browser.WaitFor(".camera[data-camera='porch']");
        browser.WaitUntil(() => (bool)browser.Script("var i = document.querySelector(\".camera[data-camera='door'] img\"); return !!i && i.complete && i.naturalWidth > 0;")!, "door's latest snapshot");
        Assert.Contains("2 files", browser.Find(".camera[data-camera='door'] .today").Text);
        Assert.Contains("pinned", browser.Find(".camera[data-camera='porch']").Text);
        browser.Screenshot(RepositoryPaths.Screenshot("dashboard.png"));

        // Sign out: the page asks for the password again.
        browser.Find("#signout").Click();
        browser.WaitFor("#password");
        browser.Go(receiver.BaseUri);
        browser.WaitFor("#password");
        Assert.Contains("/signin", browser.Driver.Url);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_address_is_locked_out_after_the_limit_even_for_the_right_one()
    {
        await using var receiver = await WebReceiver.StartAsync(new Dictionary<string, string?> { ["Security:MaxFailuresPerAccount"] = "3" });
        using var browser = Support.Browser.Start();

        browser.Go(new Uri(receiver.BaseUri, "/signin"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            browser.WaitFor("#password");
            browser.Find("#password").SendKeys("wrong password " + attempt);
            browser.Submit("#signin");
            Assert.Equal("Wrong password.", browser.Find("#problem").Text);
        }

        browser.Find("#password").SendKeys(WebReceiver.AdminPassword);
        browser.Submit("#signin");

        Assert.Contains("locked out", browser.Find("#problem").Text);
        Assert.Empty(browser.FindAll("#signout"));
    }
}
