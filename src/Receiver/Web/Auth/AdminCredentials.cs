using System.Text.Json;
using Receiver.Accounts;
using Receiver.Storage;

namespace Receiver.Web.Auth;

/// <summary>
/// The one admin account of the web page: a PBKDF2 hash (the cameras' scheme) in .receiver/admin.json, mode 0600.
/// Written by receiver --set-admin-password; a new password ends every signed-in session (see <see cref="Stamp"/>).
/// </summary>
public sealed class AdminCredentials(DataPaths paths, PasswordHasher hasher)
{
    public string FilePath => Path.Combine(paths.SystemFolder, "admin.json");

    public bool IsSet => File.Exists(FilePath);

    /// <summary>Changes whenever the password is set again.</summary>
    public FileStamp Stamp => FileStamp.Of(FilePath);

    public void Set(string password)
    {
        paths.EnsureCreated();
        var hash = PasswordHasher.Hash(password);
        PrivateFile.WriteAllText(FilePath, Html.JsonText.Object(json => json.WriteString("passwordHash", hash), indented: true) + "\n");
    }

    public bool Verify(string password)
    {
        string hash;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
            hash = document.RootElement.GetProperty("passwordHash").GetString() ?? "";
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }

        return hasher.Verify(password, hash);
    }
}
