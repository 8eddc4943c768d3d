using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Web.Auth;
using Receiver.Web.Html;

namespace Receiver.Web.Pages;

/// <summary>GET /: every camera with its state, last upload, today's count and its latest snapshot; the disk below.</summary>
internal static class DashboardPage
{
    public static IResult Render(HttpContext context, CameraOverview overview, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var html = new StringBuilder("<h1>Cameras</h1>");
        var cameras = overview.Cameras();
        if (cameras.Count == 0)
        {
            html.Append("<p>No cameras yet. <a href=\"/add-camera\">Add one</a> or <a href=\"/enroll\">enroll an INSTAR camera</a>.</p>");
        }

        html.Append("<div class=\"cameras\" data-live=\"all\">");
        foreach (var camera in cameras)
        {
            Card(html, camera, now);
        }

        html.Append("</div>");
        Disk(html, overview.Disk());
        return Html.Html.Page(Layout.Render("Cameras", html.ToString(), SessionGate.Session(context), "live.js"));
    }

    private static void Card(StringBuilder html, CameraStatus camera, DateTimeOffset now)
    {
        var account = camera.Account;
        var name = Html.Html.E(account.Name);
        html.Append("<section class=\"card camera\" data-camera=\"").Append(name).Append("\">")
            .Append("<a class=\"thumb\" href=\"/gallery/").Append(Html.Html.U(account.Name)).Append("\">");
        if (camera.LatestSnapshot is { } snapshot)
        {
            html.Append("<img src=\"/thumbs/").Append(Html.Html.E(snapshot.UrlPath)).Append("\" alt=\"latest snapshot of ").Append(name).Append("\">");
        }
        else
        {
            html.Append("<span class=\"empty\">no snapshot yet</span>");
        }

        html.Append("</a><h2><a href=\"/gallery/").Append(Html.Html.U(account.Name)).Append("\">").Append(name).Append("</a>")
            .Append(account.Enabled ? " <span class=\"badge ok\">enabled</span>" : " <span class=\"badge off\">disabled</span>").Append("</h2><dl>")
            .Append("<dt>Protocols</dt><dd>").Append(Html.Html.E(Protocols(account.Protocols))).Append("</dd>")
            .Append("<dt>Camera key</dt><dd>").Append(account.AuthorizedKeys.Count > 0 ? "pinned" : "none (password)").Append("</dd>")
            .Append("<dt>Last upload</dt><dd class=\"last-upload\">");
        if (camera.LastUpload is { } last)
        {
            html.Append(Html.Html.E(Html.Html.Time(last.Modified))).Append(" <span class=\"ago\">(").Append(Html.Html.Ago(now - last.Modified)).Append(")</span>");
        }
        else
        {
            html.Append("never");
        }

        html.Append("</dd><dt>Today</dt><dd class=\"today\">").Append(camera.TodayCount.ToString(CultureInfo.InvariantCulture)).Append(" files, ")
            .Append(Html.Html.Bytes(camera.TodayBytes)).Append("</dd><dt>Storage</dt><dd class=\"quota\">").Append(Html.Html.Bytes(camera.UsedBytes))
            .Append(camera.QuotaBytes > 0 ? " of " + Html.Html.Bytes(camera.QuotaBytes) + " quota" : " (no quota)").Append("</dd>")
            .Append("<dt>Problem</dt><dd class=\"quiet-state\">").Append(camera.Quiet ? "<span class=\"badge off\">quiet: no upload for too long</span>" : "none").Append("</dd></dl>")
            .Append("<p class=\"actions\"><a href=\"/gallery/").Append(Html.Html.U(account.Name)).Append("\">Gallery</a> <a href=\"/cameras/")
            .Append(Html.Html.U(account.Name)).Append("\">Settings</a></p></section>");
    }

    private static void Disk(StringBuilder html, DiskStatus disk)
    {
        html.Append("<section class=\"card disk\"><h2>Disk</h2><dl><dt>Used by uploads</dt><dd id=\"disk-used\">").Append(Html.Html.Bytes(disk.UsedBytes))
            .Append("</dd><dt>Free</dt><dd id=\"disk-free\">").Append(Html.Html.Bytes(disk.FreeBytes))
            .Append("</dd><dt>Days at the current rate</dt><dd id=\"disk-days\">")
            .Append(disk.DaysAtCurrentRate switch
            {
                null => "— (no uploads yet)",
                > 3650 => "more than 10 years",
                { } days => days.ToString(days < 10 ? "0.0" : "0", CultureInfo.InvariantCulture),
            })
            .Append("</dd></dl></section>");
    }

    public static string Protocols(CameraProtocols protocols) =>
        protocols == CameraProtocols.None ? "none" : string.Join(", ", new[] { (CameraProtocols.Sftp, "sFTP"), (CameraProtocols.Ftps, "FTPS"), (CameraProtocols.Ftp, "FTP") }.Where(p => protocols.HasFlag(p.Item1)).Select(p => p.Item2));
}
