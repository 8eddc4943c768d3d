using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Receiver.Accounts;
using Receiver.Web.Html;
using Receiver.Web.Metrics;

namespace Receiver.Web.Auth;

/// <summary>GET/POST /signin and POST /signout. Failures count in the cameras' lockout, under an account name no camera can have.</summary>
internal static partial class SignInEndpoints
{
    /// <summary>The lockout key of the admin: ':' is outside the camera-name alphabet.</summary>
    public const string ThrottleAccount = "web:admin";

    public static void Map(WebApplication app)
    {
        app.MapGet("/signin", (HttpContext context) => Form(context, null, StatusCodes.Status200OK));
        app.MapPost("/signin", SignInAsync);
        app.MapPost("/signout", SignOut);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, AdminCredentials admin, WebSessions sessions, LoginThrottle throttle, ReceiverMetrics metrics, ILogger<WebSession> logger)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!FormToken.Matches(form[FormToken.FieldName], context.Request.Cookies[FormToken.SignInCookie] ?? ""))
        {
            return Form(context, "The sign-in form has expired or was not sent from this page. Please try again.", StatusCodes.Status400BadRequest);
        }

        var remote = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (throttle.IsLockedOut(remote, ThrottleAccount))
        {
            metrics.LoginAttempt("web", "password", succeeded: false);
            LogLockedOut(logger, remote);
            return Form(context, "Too many failed sign-ins from this address: locked out for a while. Try again later.", StatusCodes.Status429TooManyRequests);
        }

        if (!admin.Verify(form["password"].ToString()))
        {
            throttle.RecordFailure(remote, ThrottleAccount);
            metrics.LoginAttempt("web", "password", succeeded: false);
            LogFailed(logger, remote);
            return Form(context, "Wrong password.", StatusCodes.Status401Unauthorized);
        }

        throttle.RecordSuccess(remote, ThrottleAccount);
        metrics.LoginAttempt("web", "password", succeeded: true);
        LogSignedIn(logger, remote);
        var session = sessions.Create();
        context.Response.Cookies.Append(WebSessions.CookieName, session.Id, FormToken.CookieOptions(context.Request.IsHttps));
        context.Response.Cookies.Delete(FormToken.SignInCookie, FormToken.CookieOptions(context.Request.IsHttps));
        return Results.Redirect(LocalReturn(form["return"].ToString()));
    }

    private static IResult SignOut(HttpContext context, WebSessions sessions)
    {
        sessions.End(SessionGate.Session(context).Id);
        context.Response.Cookies.Delete(WebSessions.CookieName, FormToken.CookieOptions(context.Request.IsHttps));
        return Results.Redirect("/signin");
    }

    private static IResult Form(HttpContext context, string? problem, int status)
    {
        // One token per browser while it signs in: a second tab (or the browser's own favicon request) must not
        // invalidate the form already shown.
        var token = context.Request.Cookies[FormToken.SignInCookie] is { Length: 43 } existing ? existing : WebSessions.NewToken();
        context.Response.Cookies.Append(FormToken.SignInCookie, token, FormToken.CookieOptions(context.Request.IsHttps, TimeSpan.FromHours(1)));
        var returnTo = context.Request.HasFormContentType ? context.Request.Form["return"].ToString() : context.Request.Query["return"].ToString();
        var body = $"""
            <h1>Sign in</h1>
            {(problem is null ? "" : $"<p class=\"problem\" id=\"problem\">{Html.Html.E(problem)}</p>")}
            <form method="post" action="/signin" class="card narrow">
              {Layout.TokenField(token)}
              <input type="hidden" name="return" value="{Html.Html.E(LocalReturn(returnTo))}">
              <label>Admin password <input type="password" name="password" id="password" autocomplete="current-password" autofocus required></label>
              <button type="submit" id="signin">Sign in</button>
            </form>
            """;
        return Html.Html.Page(Layout.Render("Sign in", body, null), status);
    }

    /// <summary>Only a path on this site: "//evil" and "https://evil" go home instead.</summary>
    private static string LocalReturn(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal) ? path : "/";

    [LoggerMessage(Level = LogLevel.Information, Message = "Web sign-in from {RemoteAddress}")]
    private static partial void LogSignedIn(ILogger logger, IPAddress remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed web sign-in from {RemoteAddress}: wrong password")]
    private static partial void LogFailed(ILogger logger, IPAddress remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused web sign-in from {RemoteAddress}: locked out")]
    private static partial void LogLockedOut(ILogger logger, IPAddress remoteAddress);
}
