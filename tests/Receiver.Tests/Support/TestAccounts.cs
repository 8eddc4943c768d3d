namespace Receiver.Tests.Support;

public static class TestAccounts
{
    public static CameraAccount Camera(string name = "cam1", CameraPermissions permissions = CameraPermissions.Default) => new()
    {
        Name = name,
        PasswordHash = PasswordHasher.Hash("secret"),
        Permissions = permissions,
    };
}
