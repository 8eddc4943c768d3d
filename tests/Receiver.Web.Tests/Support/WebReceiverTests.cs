namespace Receiver.Web.Tests.Support;

/// <summary>A test class whose every test gets its own receiver with the web server on and the admin password set.</summary>
public abstract class WebReceiverTests : FixturePerTest
{
    private protected WebReceiver Receiver => Started<WebReceiver>();

    private protected override async Task<IAsyncDisposable> StartFixtureAsync() => await WebReceiver.StartAsync();
}
