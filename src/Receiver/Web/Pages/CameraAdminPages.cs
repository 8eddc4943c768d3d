using Receiver.Abstractions;
using System.Text;
using Microsoft.AspNetCore.Http;
using Receiver.Accounts;
using Receiver.Storage;
using Receiver.Web.Auth;
using Receiver.Web.Html;

namespace Receiver.Web.Pages;

/// <summary>
/// Camera management: GET/POST /add-camera (the generated password is shown once), GET/POST /cameras/{camera}
/// (enabled, protocols) and POST /cameras/{camera}/reset-password (a new password, shown once).
/// </summary>
internal static class CameraAdminPages
{
    public static IResult AddForm(HttpContext context) => AddPage(context, null, "", StatusCodes.Status200OK);

    public static async Task<IResult> AddAsync(HttpContext context, AccountStore accounts, DataPaths paths, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        if (!CameraName.IsValid(name))
        {
            return AddPage(context, $"'{name}' is not a valid camera name: {CameraName.Rule}.", name, StatusCodes.Status400BadRequest);
        }

        var password = PasswordGenerator.Generate();
        var now = time.GetUtcNow();
        try
        {
            accounts.Add(new CameraAccount
            {
                Name = name,
                PasswordHash = PasswordHasher.Hash(password),
                Protocols = ProtocolsFrom(form),
                Created = now,
                Updated = now,
            });
        }
        catch (InvalidOperationException ex)
        {
            return AddPage(context, ex.Message, name, StatusCodes.Status409Conflict);
        }

        Directory.CreateDirectory(paths.CameraFolder(name));
        return PasswordPage(context, name, password, "Camera added");
    }

    public static IResult Settings(string camera, HttpContext context, AccountStore accounts)
    {
        if (!CameraName.IsValid(camera) || accounts.Find(camera) is not { } account)
        {
            return Results.NotFound();
        }

        var token = SessionGate.Session(context).FormToken;
        var name = Html.Html.E(account.Name);
        var html = new StringBuilder();
        html.Append("<h1>").Append(name).Append(" <small>settings</small></h1>")
            .Append("<form method=\"post\" class=\"card narrow\" id=\"settings\">").Append(Layout.TokenField(token))
            .Append("<label class=\"check\"><input type=\"checkbox\" name=\"enabled\" value=\"1\" id=\"enabled\"").Append(account.Enabled ? " checked" : "").Append("> enabled (may log in)</label>")
            .Append(ProtocolBoxes(account.Protocols))
            .Append("<button type=\"submit\" id=\"save\">Save</button></form>")
            .Append("<form method=\"post\" action=\"/cameras/").Append(Html.Html.U(account.Name)).Append("/reset-password\" class=\"card narrow\">").Append(Layout.TokenField(token))
            .Append("<p>A new password for the camera (the old one stops working; the camera's key, if pinned, keeps working).</p>")
            .Append("<button type=\"submit\" id=\"reset-password\">Reset password</button></form>")
            .Append("<p><a href=\"/gallery/").Append(Html.Html.U(account.Name)).Append("\">Gallery</a> · camera key: ")
            .Append(account.AuthorizedKeys.Count > 0 ? "pinned" : "none").Append("</p>");
        return Html.Html.Page(Layout.Render(account.Name, html.ToString(), SessionGate.Session(context)));
    }

    public static async Task<IResult> SaveAsync(string camera, HttpContext context, AccountStore accounts, TimeProvider time)
    {
        if (!CameraName.IsValid(camera) || accounts.Find(camera) is null)
        {
            return Results.NotFound();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        accounts.Update(camera, existing => existing is null ? null : existing with
        {
            Enabled = form["enabled"] == "1",
            Protocols = ProtocolsFrom(form),
            Updated = time.GetUtcNow(),
        });
        return Results.Redirect("/cameras/" + Uri.EscapeDataString(camera));
    }

    public static IResult ResetPassword(string camera, HttpContext context, AccountStore accounts, TimeProvider time)
    {
        if (!CameraName.IsValid(camera) || accounts.Find(camera) is null)
        {
            return Results.NotFound();
        }

        var password = PasswordGenerator.Generate();
        accounts.Update(camera, existing => existing is null ? null : existing with { PasswordHash = PasswordHasher.Hash(password), Updated = time.GetUtcNow() });
        return PasswordPage(context, camera, password, "New password");
    }

    private static IResult AddPage(HttpContext context, string? problem, string name, int status)
    {
        var html = new StringBuilder("<h1>Add a camera</h1>");
        if (problem is not null)
        {
            html.Append("<p class=\"problem\" id=\"problem\">").Append(Html.Html.E(problem)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/add-camera\" class=\"card narrow\">").Append(Layout.TokenField(SessionGate.Session(context).FormToken))
            .Append("<label>Name (also the user name) <input name=\"name\" id=\"name\" required pattern=\"[a-z0-9][a-z0-9_\\-]{0,31}\" value=\"").Append(Html.Html.E(name)).Append("\"></label>")
            .Append("<p class=\"hint\">").Append(Html.Html.E(CameraName.Rule)).Append("</p>")
            .Append(ProtocolBoxes(CameraProtocols.All))
            .Append("<button type=\"submit\" id=\"add\">Add camera</button></form>")
            .Append("<p>An INSTAR camera can instead be <a href=\"/enroll\">enrolled</a>: the receiver then configures the camera itself.</p>");
        return Html.Html.Page(Layout.Render("Add a camera", html.ToString(), SessionGate.Session(context)), status);
    }

    private static IResult PasswordPage(HttpContext context, string camera, string password, string title)
    {
        context.Response.Headers.CacheControl = "no-store";
        var name = Html.Html.E(camera);
        var html = $"""
            <h1>{Html.Html.E(title)}: {name}</h1>
            <section class="card narrow">
              <p>User name <code id="camera-user">{name}</code></p>
              <p>Password (shown only now) <code id="camera-password">{Html.Html.E(password)}</code></p>
              <p class="hint">Enter both in the camera's FTP/sFTP settings. This page does not show the password again.</p>
            </section>
            <p><a href="/cameras/{Html.Html.U(camera)}">Settings of {name}</a> · <a href="/">Cameras</a></p>
            """;
        return Html.Html.Page(Layout.Render(title, html, SessionGate.Session(context)));
    }

    private static string ProtocolBoxes(CameraProtocols current)
    {
        var html = new StringBuilder("<fieldset><legend>Protocols</legend>");
        foreach (var (flag, label) in new[] { (CameraProtocols.Sftp, "sFTP"), (CameraProtocols.Ftps, "FTPS"), (CameraProtocols.Ftp, "FTP (plain)") })
        {
            var value = flag.Name();
            html.Append("<label class=\"check\"><input type=\"checkbox\" name=\"protocol\" value=\"").Append(value).Append("\" id=\"protocol-").Append(value).Append('"')
                .Append(current.HasFlag(flag) ? " checked" : "").Append("> ").Append(label).Append("</label>");
        }

        return html.Append("</fieldset>").ToString();
    }

    private static CameraProtocols ProtocolsFrom(IFormCollection form) =>
        form["protocol"].Aggregate(CameraProtocols.None, (all, p) => CameraProtocolNames.TryParse(p, out var one) ? all | one : all);
}
