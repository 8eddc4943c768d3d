namespace Receiver.Reliability.Tests.Support;

/// <summary>Waits on conditions with a deadline instead of bare sleeps.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }
}
