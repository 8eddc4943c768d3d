namespace Receiver.Fuzz;

/// <summary>
/// One harness: feeds an input to a decoder the way the server does. Bad input must end in the decoder's documented
/// way (the session ends, an error reply, the documented exception); anything else escapes as an exception, which
/// AFL records as a crash and the seed replay test as a failure.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    /// <summary>The command-line name (fuzz/run.sh, Receiver.Fuzz &lt;name&gt;).</summary>
    public abstract string Name { get; }

    /// <summary>The seed folder under fuzz/corpus.</summary>
    public virtual string Corpus => Name;

    public abstract string Description { get; }

    public abstract void Run(byte[] input);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
