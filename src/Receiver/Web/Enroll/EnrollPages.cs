using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Receiver.Provisioning.Workflow;
using Receiver.Web.Auth;
using Receiver.Web.Html;
using Receiver.Web.Live;

namespace Receiver.Web.Enroll;

/// <summary>
/// GET/POST /enroll (the form, and the recent enrollments with their outcome), GET /enroll/{id} (the steps so far) and
/// GET /enroll/{id}/events (server-sent: each new line, then the outcome).
/// </summary>
internal static class EnrollPages
{
    public static IResult Form(HttpContext context, EnrollmentJobs jobs) => FormPage(context, jobs, null, StatusCodes.Status200OK);

    public static async Task<IResult> StartAsync(HttpContext context, EnrollmentJobs jobs)
    {
        var (form, problem) = EnrollmentForm.Parse(await context.Request.ReadFormAsync(context.RequestAborted));
        if (form is null)
        {
            return FormPage(context, jobs, problem, StatusCodes.Status400BadRequest);
        }

        var job = jobs.Start(form);
        return Results.Redirect("/enroll/" + job.Id);
    }

    public static IResult Job(string id, HttpContext context, EnrollmentJobs jobs)
    {
        if (jobs.Find(id) is not { } job)
        {
            return Results.NotFound();
        }

        var (lines, result, _) = job.Read(0);
        var html = new StringBuilder();
        html.Append("<h1>Enrolling <small>").Append(Html.Html.E(job.CameraAddress)).Append(" as ").Append(Html.Html.E(job.CameraName)).Append("</small></h1>")
            .Append("<ol class=\"steps\" id=\"steps\" data-job=\"").Append(Html.Html.E(job.Id)).Append("\" data-next=\"")
            .Append(lines.Count.ToString(CultureInfo.InvariantCulture)).Append("\" data-done=\"").Append(result is null ? "0" : "1").Append("\">");
        foreach (var line in lines)
        {
            html.Append("<li class=\"").Append(LineClass(line)).Append("\">").Append(Html.Html.E(line.Trim())).Append("</li>");
        }

        html.Append("</ol>");
        Outcome(html, result);
        html.Append("<p><a href=\"/enroll\">Enrollments</a> · <a href=\"/\">Cameras</a></p>");
        return Html.Html.Page(Layout.Render("Enrolling " + job.CameraName, html.ToString(), SessionGate.Session(context), "enroll.js"));
    }

    public static async Task EventsAsync(string id, HttpContext context, EnrollmentJobs jobs, IHostApplicationLifetime lifetime)
    {
        if (jobs.Find(id) is not { } job)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // A reconnecting browser names the last line it got; a new one says where its page ends.
        var next = int.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last + 1
            : int.TryParse(context.Request.Query["from"], NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var events = await ServerSentEvents.StartAsync(context);
        try
        {
            while (true)
            {
                var (lines, result, changed) = job.Read(next);
                foreach (var line in lines)
                {
                    await events.SendAsync("line", JsonText.Object(w =>
                    {
                        w.WriteString("text", line.Trim());
                        w.WriteString("kind", LineClass(line));
                    }), stop.Token, next++);
                }

                if (result is not null)
                {
                    await events.SendAsync("done", JsonText.Object(w =>
                    {
                        w.WriteBoolean("ok", result.Outcome is EnrollmentOutcome.Enrolled or EnrollmentOutcome.DryRun);
                        w.WriteString("outcome", result.Outcome.ToString());
                        w.WriteString("message", result.Message);
                    }), stop.Token);
                    return;
                }

                await changed.WaitAsync(TimeSpan.FromSeconds(20), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                stop.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left: the enrollment itself goes on.
        }
    }

    private static IResult FormPage(HttpContext context, EnrollmentJobs jobs, string? problem, int status)
    {
        var html = new StringBuilder("<h1>Enroll an INSTAR camera</h1>");
        if (problem is not null)
        {
            html.Append("<p class=\"problem\" id=\"problem\">").Append(Html.Html.E(problem)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/enroll\" class=\"card narrow\" id=\"enroll-form\">").Append(Layout.TokenField(SessionGate.Session(context).FormToken))
            .Append("<label>Camera address <input name=\"address\" id=\"address\" required placeholder=\"http://192.168.2.168\"></label>")
            .Append("<label>Camera admin user <input name=\"user\" id=\"user\" value=\"admin\" autocomplete=\"off\"></label>")
            .Append("<label>Camera admin password <input type=\"password\" name=\"password\" id=\"camera-admin-password\" required autocomplete=\"off\"></label>")
            .Append("<label>Account name (empty: from the address) <input name=\"name\" id=\"account-name\" pattern=\"[a-z0-9][a-z0-9_\\-]{0,31}\"></label>")
            .Append("<label>Protocol <select name=\"protocol\" id=\"protocol\"><option value=\"sftp\">sFTP (keys pinned both ways)</option><option value=\"ftps\">FTPS</option><option value=\"ftp\">FTP (plain)</option></select></label>")
            .Append("<label>Receiver address as the camera reaches it (empty: found) <input name=\"receiver_address\" id=\"receiver-address\"></label>")
            .Append("<fieldset><legend>Switch uploads on</legend>")
            .Append("<label class=\"check\"><input type=\"checkbox\" name=\"enable\" value=\"snap\"> alarm snapshots</label>")
            .Append("<label class=\"check\"><input type=\"checkbox\" name=\"enable\" value=\"rec\"> alarm recordings</label>")
            .Append("<label class=\"check\"><input type=\"checkbox\" name=\"enable\" value=\"timersnap\"> timer snapshots</label></fieldset>")
            .Append("<label class=\"check\"><input type=\"checkbox\" name=\"insecure_https\" value=\"1\"> accept the camera's self-signed https certificate</label>")
            .Append("<button type=\"submit\" id=\"start-enroll\">Enroll</button></form>");
        var recent = jobs.Recent();
        if (recent.Count > 0)
        {
            html.Append("<h2>Recent enrollments</h2><ul class=\"jobs\">");
            foreach (var job in recent)
            {
                var (_, result, _) = job.Read(int.MaxValue);
                html.Append("<li><a href=\"/enroll/").Append(Html.Html.E(job.Id)).Append("\">").Append(Html.Html.E(job.CameraName)).Append(" (")
                    .Append(Html.Html.E(job.CameraAddress)).Append(")</a> ").Append(Html.Html.E(Html.Html.Time(job.Started))).Append(": ")
                    .Append(Html.Html.E(result?.Message ?? "running…")).Append("</li>");
            }

            html.Append("</ul>");
        }

        return Html.Html.Page(Layout.Render("Enroll", html.ToString(), SessionGate.Session(context)), status);
    }

    private static void Outcome(StringBuilder html, EnrollmentResult? result)
    {
        var state = result is null ? "running" : result.Outcome is EnrollmentOutcome.Enrolled or EnrollmentOutcome.DryRun ? "ok" : "failed";
        html.Append("<p id=\"outcome\" class=\"outcome ").Append(state).Append("\">").Append(Html.Html.E(result?.Message ?? "Running… the steps appear as they happen. You may leave this page: the enrollment goes on, and its outcome is listed under Enroll.")).Append("</p>");
    }

    /// <summary>The report's shapes: "[n] step", "    ok: …", "    FAILED: …", indented details, the summary.</summary>
    private static string LineClass(string line)
    {
        var trimmed = line.TrimStart();
        return line.StartsWith('[') ? "step"
            : trimmed.StartsWith("ok:", StringComparison.Ordinal) ? "ok"
            : trimmed.StartsWith("FAILED:", StringComparison.Ordinal) ? "failed"
            : line.StartsWith("  ", StringComparison.Ordinal) ? "detail"
            : "title";
    }
}
