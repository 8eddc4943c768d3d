using Microsoft.AspNetCore.Http;
using Receiver.Web.Html;

namespace Receiver.Web.Auth;

/// <summary>
/// In front of every page: until the admin password is set, a page that says how and nothing else; then a signed-in
/// session for everything but sign-in, /healthz, /metrics and the static files; and a valid form token on every POST.
/// </summary>
internal sealed class SessionGate(RequestDelegate next)
{
    public const string SessionItem = "receiver.session";

    public static WebSession Session(HttpContext context) => (WebSession)context.Items[SessionItem]!;

    public async Task InvokeAsync(HttpContext context, AdminCredentials admin, WebSessions sessions)
    {
        var path = context.Request.Path;
        if (path == "/healthz" || path == "/metrics" || path == "/favicon.ico" || path.StartsWithSegments("/static"))
        {
            await next(context);
            return;
        }

        if (!admin.IsSet)
        {
            await Html.Html.Page(Layout.Render("Set the admin password", SetupText, null), StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }

        if (path == "/signin")
        {
            await next(context);
            return;
        }

        var session = sessions.Find(context.Request.Cookies[WebSessions.CookieName]);
        if (session is null)
        {
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect("/signin?return=" + Uri.EscapeDataString(path + context.Request.QueryString));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }

            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && !await HasTokenAsync(context, session))
        {
            await Html.Html.Page(Layout.Render("Refused", "<h1>Refused</h1><p class=\"problem\">This form was not sent from this receiver's page (its anti-forgery token is missing or wrong). Go back, reload the page and send it again.</p>", session), StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        context.Items[SessionItem] = session;
        await next(context);
    }

    private static async Task<bool> HasTokenAsync(HttpContext context, WebSession session)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return FormToken.Matches(form[FormToken.FieldName], session.FormToken);
    }

    private const string SetupText = """
        <h1>Set the admin password first</h1>
        <p>This page shows nothing until the receiver has an admin password. On the receiver, run:</p>
        <pre>receiver --set-admin-password</pre>
        <p>It prints a generated password once; or pipe your own: <code>echo 'your password' | receiver --set-admin-password --password-stdin</code>.
        In Docker: <code>docker compose exec receiver receiver --set-admin-password</code>. Then reload this page.</p>
        """;
}
