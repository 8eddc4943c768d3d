using System.Text;
using Receiver.Web.Auth;

namespace Receiver.Web.Html;

/// <summary>The page shell: a phone-sized viewport, the stylesheet and scripts shipped in the program, the navigation.</summary>
internal static class Layout
{
    public static string Render(string title, string body, WebSession? session, params string[] scripts)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · Receiver</title>")
            .Append("<link rel=\"stylesheet\" href=\"/static/app.css\">");
        foreach (var script in scripts)
        {
            html.Append("<script defer src=\"/static/").Append(Html.E(script)).Append("\"></script>");
        }

        html.Append("</head><body><header><a class=\"brand\" href=\"/\">Receiver</a>");
        if (session is not null)
        {
            html.Append("<nav><a href=\"/\">Cameras</a><a href=\"/cameras/new\">Add camera</a><a href=\"/enroll\">Enroll</a>")
                .Append("<form method=\"post\" action=\"/signout\" class=\"inline\">").Append(TokenField(session.FormToken))
                .Append("<button type=\"submit\" id=\"signout\">Sign out</button></form></nav>");
        }

        html.Append("</header><main>").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    public static string TokenField(string token) =>
        $"<input type=\"hidden\" name=\"{FormToken.FieldName}\" value=\"{Html.E(token)}\">";
}
