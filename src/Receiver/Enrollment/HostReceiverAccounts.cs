using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Provisioning.Workflow;
using Receiver.Ssh.Keys;
using Receiver.Storage;

namespace Receiver.Enrollment;

/// <summary>Enrollment's view of the account store: create or rotate, authorize the camera's key, disable.</summary>
internal sealed class HostReceiverAccounts(AccountStore accounts, DataPaths paths, TimeProvider time) : IReceiverAccounts
{
    private static readonly TimeSpan TestWindow = TimeSpan.FromMinutes(15);

    public Task<EnrollmentAccount> CreateOrRotateAsync(string name, UploadProtocol protocol, CancellationToken cancellationToken)
    {
        if (!CameraName.IsValid(name))
        {
            throw new ArgumentException($"Camera name '{name}' is not valid: {CameraName.Rule}.");
        }

        var password = PasswordGenerator.Generate();
        var hash = PasswordHasher.Hash(password);
        var now = time.GetUtcNow();
        var existed = false;
        accounts.Update(name, existing =>
        {
            existed = existing is not null;
            var account = existing ?? new CameraAccount { Name = name, Created = now, Protocols = CameraProtocols.None };
            return account with
            {
                PasswordHash = hash,
                Protocols = account.Protocols | ProtocolOf(protocol),
                RequireTls = existing is null ? protocol == UploadProtocol.Ftps : account.RequireTls,
                Enabled = true,
                // The camera's Test-Snapshot.jpeg uploads of this enrollment are test events, not motion.
                TestUploadUntil = now + TestWindow,
                Updated = now,
            };
        });
        Directory.CreateDirectory(paths.CameraFolder(name));
        return Task.FromResult(new EnrollmentAccount(name, password, existed));
    }

    public Task AddAuthorizedKeyAsync(string name, string publicKeyLine, CancellationToken cancellationToken)
    {
        var key = SshPublicKey.ParseAuthorizedKey(publicKeyLine);
        Change(name, account => account.AuthorizedKeys.Any(k => SameKey(k, key))
            ? account
            : account with { AuthorizedKeys = [.. account.AuthorizedKeys, key.ToOpenSshLine()] });
        return Task.CompletedTask;
    }

    public Task AllowSshRsaSha1Async(string name, CancellationToken cancellationToken)
    {
        Change(name, account => account with { AllowSshRsaSha1 = true });
        return Task.CompletedTask;
    }

    public Task DisableAsync(string name, CancellationToken cancellationToken)
    {
        Change(name, account => account with { Enabled = false });
        return Task.CompletedTask;
    }

    private void Change(string name, Func<CameraAccount, CameraAccount> change) =>
        accounts.Update(name, existing => existing is null
            ? throw new InvalidOperationException($"The account '{name}' disappeared during enrollment.")
            : change(existing) with { Updated = time.GetUtcNow() });

    private static bool SameKey(string line, SshPublicKey key)
    {
        try
        {
            return SshPublicKey.ParseAuthorizedKey(line).SameKeyAs(key);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static CameraProtocols ProtocolOf(UploadProtocol protocol) => protocol switch
    {
        UploadProtocol.Sftp => CameraProtocols.Sftp,
        UploadProtocol.Ftps => CameraProtocols.Ftps,
        _ => CameraProtocols.Ftp,
    };
}
