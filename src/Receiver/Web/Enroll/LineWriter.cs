using System.Text;

namespace Receiver.Web.Enroll;

/// <summary>A TextWriter that hands each complete line to a callback (the enrollment report writes lines).</summary>
internal sealed class LineWriter(Action<string> onLine) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            onLine(_line.ToString());
            _line.Clear();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
        {
            onLine(_line.ToString());
            _line.Clear();
        }

        base.Dispose(disposing);
    }
}
