namespace Receiver.Provisioning.Workflow;

/// <summary>Step-by-step output of an enrollment: numbered steps, indented details, a final summary. Never secrets.</summary>
public sealed class EnrollmentReport(TextWriter output)
{
    private int _step;

    public void Title(string text) => output.WriteLine(text);

    public void Step(string text)
    {
        _step++;
        output.WriteLine($"[{_step}] {text}");
    }

    public void Detail(string text) => output.WriteLine($"    {text}");

    public void Ok(string text) => output.WriteLine($"    ok: {text}");

    public void Problem(string text) => output.WriteLine($"    FAILED: {text}");

    public void Blank() => output.WriteLine();

    public void Summary(IEnumerable<(string Name, string Value)> rows)
    {
        output.WriteLine();
        output.WriteLine("Summary");
        foreach (var (name, value) in rows)
        {
            output.WriteLine($"  {name + ":",-18} {value}");
        }
    }
}
