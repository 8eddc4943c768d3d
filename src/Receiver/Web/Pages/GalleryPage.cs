using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Receiver.Web.Auth;
using Receiver.Web.Files;
using Receiver.Web.Html;
using Receiver.Web.Metrics;

namespace Receiver.Web.Pages;

/// <summary>
/// GET /gallery/{camera}/{day}?page=N: the day's files as thumbnails, newest first, a page at a time; the first page of
/// today grows as uploads arrive (live.js). A click opens the picture or clip (gallery.js: keys and swipe page through).
/// </summary>
internal static class GalleryPage
{
    public const int PageSize = 60;

    public static IResult Latest(string camera, CameraFiles files, CameraOverview overview)
    {
        if (!files.IsCamera(camera))
        {
            return Results.NotFound();
        }

        var day = files.Days(camera).FirstOrDefault() ?? overview.Today;
        return Results.Redirect($"/gallery/{Uri.EscapeDataString(camera)}/{day}");
    }

    public static IResult Render(string camera, string day, HttpContext context, CameraFiles files, CameraOverview overview)
    {
        if (!files.IsCamera(camera) || !CameraFiles.IsDay(day))
        {
            return Results.NotFound();
        }

        var all = files.Files(camera, day);
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = int.TryParse(context.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, pages) : 1;
        var live = page == 1 && day == overview.Today;
        var name = Html.Html.E(camera);
        var html = new StringBuilder();
        html.Append("<h1>").Append(name).Append(" <small>").Append(day).Append("</small></h1>");
        DayLinks(html, camera, day, files.Days(camera));
        html.Append("<p class=\"summary\"><span id=\"count\">").Append(all.Count.ToString(CultureInfo.InvariantCulture)).Append("</span> files, ")
            .Append("<span id=\"bytes\" data-bytes=\"").Append(all.Sum(f => f.Size).ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(Html.Html.Bytes(all.Sum(f => f.Size))).Append("</span>").Append(live ? " · <span class=\"live\">live</span>" : "").Append("</p>");
        html.Append("<div class=\"grid\" id=\"grid\" data-camera=\"").Append(name).Append("\" data-day=\"").Append(day)
            .Append("\" data-live=\"").Append(live ? "1" : "0").Append("\">");
        foreach (var file in all.Skip((page - 1) * PageSize).Take(PageSize))
        {
            Tile(html, file);
        }

        html.Append("</div>");
        Pager(html, camera, day, page, pages);
        html.Append("<div id=\"viewer\" class=\"viewer\" hidden><button type=\"button\" id=\"viewer-close\" aria-label=\"close\">×</button>")
            .Append("<button type=\"button\" id=\"viewer-prev\" aria-label=\"previous\">‹</button><div id=\"viewer-body\"></div>")
            .Append("<button type=\"button\" id=\"viewer-next\" aria-label=\"next\">›</button><p id=\"viewer-caption\"></p></div>");
        return Html.Html.Page(Layout.Render(camera + " " + day, html.ToString(), SessionGate.Session(context), "gallery.js", "live.js"));
    }

    private static void Tile(StringBuilder html, DayFile file)
    {
        var kind = UploadKind.Of(file.Name);
        html.Append("<a class=\"tile\" href=\"/files/").Append(Html.Html.E(file.UrlPath)).Append("\" data-kind=\"").Append(kind)
            .Append("\" data-plays=\"").Append(UploadKind.PlaysInBrowser(file.Name) ? "1" : "0").Append("\" data-name=\"").Append(Html.Html.E(file.Name))
            .Append("\"><img loading=\"lazy\" src=\"/thumbs/").Append(Html.Html.E(file.UrlPath)).Append("\" alt=\"").Append(Html.Html.E(file.Name))
            .Append("\"><span>").Append(file.Modified.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append(' ')
            .Append(Html.Html.E(file.Name)).Append("</span></a>");
    }

    private static void DayLinks(StringBuilder html, string camera, string current, IReadOnlyList<string> days)
    {
        html.Append("<nav class=\"days\">");
        foreach (var day in days.Take(14))
        {
            html.Append("<a href=\"/gallery/").Append(Html.Html.U(camera)).Append('/').Append(day).Append('"')
                .Append(day == current ? " class=\"current\"" : "").Append('>').Append(day).Append("</a>");
        }

        html.Append("</nav>");
    }

    private static void Pager(StringBuilder html, string camera, string day, int page, int pages)
    {
        if (pages == 1)
        {
            return;
        }

        var baseUrl = $"/gallery/{Html.Html.U(camera)}/{day}?page=";
        html.Append("<nav class=\"pager\">");
        if (page > 1)
        {
            html.Append("<a id=\"newer\" href=\"").Append(baseUrl).Append(page - 1).Append("\">‹ newer</a>");
        }

        html.Append("<span id=\"page\">page ").Append(page).Append(" of ").Append(pages).Append("</span>");
        if (page < pages)
        {
            html.Append("<a id=\"older\" href=\"").Append(baseUrl).Append(page + 1).Append("\">older ›</a>");
        }

        html.Append("</nav>");
    }
}
