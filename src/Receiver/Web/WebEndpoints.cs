using Microsoft.AspNetCore.Builder;
using Receiver.Web.Auth;
using Receiver.Web.Health;
using Receiver.Web.Hosting;
using Receiver.Web.Metrics;

namespace Receiver.Web;

/// <summary>Every route of the web page, in one list.</summary>
internal static class WebEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", HealthEndpoint.HandleAsync);
        app.MapGet("/metrics", MetricsEndpoint.HandleAsync);
        app.MapGet("/static/{name}", (string name) => StaticAssets.Get(name));
        SignInEndpoints.Map(app);
    }
}
