using System.Text;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;

namespace Receiver.Fuzz.Targets;

/// <summary>
/// The camera's param.cgi answer as the enrollment reads it: CgiResponse.Parse, then every value through the public typed
/// readers (numbers, schedule lists, upload types, response codes). Documented bad-input outcomes:
/// CameraProtocolException (the answer is not what a camera sends) and CameraValueException (a value out of range).
/// </summary>
public sealed class CgiTarget : FuzzTarget
{
    public override string Name => "cgi";

    public override string Description => "INSTAR param.cgi response parser and the typed value readers";

    public override void Run(byte[] input)
    {
        var response = CgiResponse.Parse(Encoding.UTF8.GetString(input));
        if (response.ResponseCode is { } code)
        {
            _ = CameraResponseCodes.Describe(code);
            _ = CameraResponseCodes.IsSuccess(code);
        }

        foreach (var (name, value) in response.Values)
        {
            Expected(() => response.RequireInt(name));
            Expected(() => response.Require(name));
            Expected(() => SnapScheduleTime.ParseList(value));
            Expected(() => FtpUploadTypes.Parse(value));
            _ = response.GetIndexed(name, value);
        }
    }

    private static void Expected(Func<object> read)
    {
        try
        {
            read();
        }
        catch (CameraProtocolException)
        {
            // The documented answer to an answer that is not like a camera's.
        }
        catch (CameraValueException)
        {
            // The documented answer to a value outside its range.
        }
    }
}
