using Microsoft.AspNetCore.Builder;
using Receiver.Web.Auth;
using Receiver.Web.Enroll;
using Receiver.Web.Files;
using Receiver.Web.Health;
using Receiver.Web.Hosting;
using Receiver.Web.Live;
using Receiver.Web.Metrics;
using Receiver.Web.Pages;

namespace Receiver.Web;

/// <summary>Every route of the web page, in one list (minimal APIs, bound at compile time by the request delegate generator).</summary>
internal static class WebEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", HealthEndpoint.HandleAsync);
        app.MapGet("/metrics", MetricsEndpoint.HandleAsync);
        app.MapGet("/static/{name}", (string name) => StaticAssets.Get(name));
        app.MapGet("/favicon.ico", () => StaticAssets.Get("favicon.svg"));
        SignInEndpoints.Map(app);

        app.MapGet("/", DashboardPage.Render);
        app.MapGet("/live", LiveEndpoint.HandleAsync);
        app.MapGet("/gallery/{camera}", GalleryPage.Latest);
        app.MapGet("/gallery/{camera}/{day}", GalleryPage.Render);
        app.MapGet("/files/{camera}/{day}/{**path}", FileEndpoints.File);
        app.MapGet("/thumbs/{camera}/{day}/{**path}", FileEndpoints.ThumbnailAsync);

        app.MapGet("/add-camera", CameraAdminPages.AddForm);
        app.MapPost("/add-camera", CameraAdminPages.AddAsync);
        app.MapGet("/cameras/{camera}", CameraAdminPages.Settings);
        app.MapPost("/cameras/{camera}", CameraAdminPages.SaveAsync);
        app.MapPost("/cameras/{camera}/reset-password", CameraAdminPages.ResetPassword);

        app.MapGet("/enroll", EnrollPages.Form);
        app.MapPost("/enroll", EnrollPages.StartAsync);
        app.MapGet("/enroll/{id}", EnrollPages.Job);
        app.MapGet("/enroll/{id}/events", EnrollPages.EventsAsync);
    }
}
