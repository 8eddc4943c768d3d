using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Receiver.Web.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven through Debian's chromedriver by Selenium WebDriver (nothing downloaded). The
/// receiver's self-signed certificate is accepted, as a user does once.
/// </summary>
internal sealed class Browser : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string DriverPath = "/usr/bin/chromedriver";

    private Browser(ChromeDriver driver)
    {
        Driver = driver;
    }

    public ChromeDriver Driver { get; }

    public static Browser Start()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium and chromium-driver ({ChromiumPath}, {DriverPath}): apt-get install chromium chromium-driver (scripts/test.sh does).");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath, AcceptInsecureCertificates = true };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900", "--ignore-certificate-errors", "--no-first-run");
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(90)));
    }

    public void Go(Uri url) => Driver.Navigate().GoToUrl(url);

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Waits (up to 30 s) until the condition holds; the failure names what was awaited.</summary>
    public void WaitUntil(Func<bool> condition, string what)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(30)) { Message = "Waited for: " + what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(_ => condition());
    }

    public void WaitFor(string css) => WaitUntil(() => FindAll(css).Count > 0, css);

    /// <summary>Clicks a submit button and waits until the browser shows the page that answered.</summary>
    public void Submit(string css)
    {
        var page = Find("html");
        Find(css).Click();
        WaitUntil(() => IsStale(page), "the next page after " + css);
    }

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    public void Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Driver.GetScreenshot().SaveAsFile(path);
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
