using Microsoft.AspNetCore.Http;
using Receiver.Accounts;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Workflow;

namespace Receiver.Web.Enroll;

/// <summary>The enrollment form's fields, checked: the same choices as receiver --enroll's options.</summary>
public sealed record EnrollmentForm(
    CameraAddress Address,
    string User,
    string Password,
    string Name,
    UploadProtocol Protocol,
    string? ReceiverAddress,
    IReadOnlyList<FtpUploadType> EnableUploads,
    bool InsecureHttps)
{
    /// <summary>The form, or the first problem in words.</summary>
    public static (EnrollmentForm? Form, string? Problem) Parse(IFormCollection form)
    {
        CameraAddress address;
        try
        {
            address = CameraAddress.Parse(form["address"].ToString().Trim());
        }
        catch (CameraValueException ex)
        {
            return (null, "Camera address: " + ex.Message);
        }

        var password = form["password"].ToString();
        if (password.Length == 0)
        {
            return (null, "The camera's admin password is needed.");
        }

        var name = form["name"].ToString().Trim();
        name = name.Length == 0 ? Cli.EnrollCommand.NameFrom(address) : name;
        if (!CameraName.IsValid(name))
        {
            return (null, $"Account name '{name}' is not valid: {CameraName.Rule}.");
        }

        var protocol = form["protocol"].ToString() switch
        {
            "ftps" => UploadProtocol.Ftps,
            "ftp" => UploadProtocol.Ftp,
            _ => UploadProtocol.Sftp,
        };
        IReadOnlyList<FtpUploadType> uploads;
        try
        {
            uploads = [.. form["enable"].Where(v => !string.IsNullOrEmpty(v)).Select(v => FtpUploadTypes.Parse(v!)).Distinct()];
        }
        catch (CameraValueException ex)
        {
            return (null, "Uploads: " + ex.Message);
        }

        var receiver = form["receiver_address"].ToString().Trim();
        var user = form["user"].ToString().Trim();
        return (new EnrollmentForm(address, user.Length == 0 ? "admin" : user, password, name, protocol, receiver.Length == 0 ? null : receiver, uploads, form["insecure_https"] == "1"), null);
    }
}
