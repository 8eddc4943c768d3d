using System.Text.Json;
using Receiver.Storage;

namespace Receiver.Accounts;

/// <summary>
/// The camera accounts, in one JSON file under Storage:Root. Writers take an exclusive lock file and re-read
/// before they change anything, so two processes (the service and a CLI run) lose nothing. Readers notice a
/// changed file on their next lookup, so the running service sees a new camera without a restart.
/// </summary>
public sealed class AccountStore
{
    private readonly DataPaths _paths;
    private readonly object _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;

    public AccountStore(DataPaths paths)
    {
        _paths = paths;
    }

    public IReadOnlyList<CameraAccount> List()
    {
        return [.. Current().Accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    public CameraAccount? Find(string name)
    {
        return Current().Accounts.GetValueOrDefault(name);
    }

    /// <summary>Adds a new account; fails if the name is taken.</summary>
    public CameraAccount Add(CameraAccount account)
    {
        if (!CameraName.IsValid(account.Name))
        {
            throw new ArgumentException($"Camera name '{account.Name}' is not valid: {CameraName.Rule}.");
        }

        return Update(account.Name, existing =>
        {
            if (existing is not null)
            {
                throw new InvalidOperationException($"Camera '{account.Name}' already exists.");
            }

            return account;
        })!;
    }

    /// <summary>Changes one account under the lock: <paramref name="change"/> gets the current record (or null) and returns the new one (or null to delete).</summary>
    public CameraAccount? Update(string name, Func<CameraAccount?, CameraAccount?> change)
    {
        using var fileLock = AcquireLock();
        var accounts = new Dictionary<string, CameraAccount>(ReadFile().Accounts, StringComparer.Ordinal);
        var updated = change(accounts.GetValueOrDefault(name));
        if (updated is null)
        {
            accounts.Remove(name);
        }
        else
        {
            accounts[name] = updated;
        }

        var document = new AccountsDocument { Accounts = [.. accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal)] };
        PrivateFile.WriteAllText(_paths.AccountsFile, JsonSerializer.Serialize(document, AccountJson.Context.AccountsDocument));
        return updated;
    }

    public bool Remove(string name)
    {
        var existed = false;
        Update(name, existing =>
        {
            existed = existing is not null;
            return null;
        });
        return existed;
    }

    private Snapshot Current()
    {
        var stamp = FileStamp.Of(_paths.AccountsFile);
        var snapshot = _snapshot;
        if (snapshot.Stamp == stamp)
        {
            return snapshot;
        }

        lock (_gate)
        {
            if (_snapshot.Stamp != stamp)
            {
                _snapshot = ReadFile();
            }

            return _snapshot;
        }
    }

    private Snapshot ReadFile()
    {
        for (var attempt = 0; ; attempt++)
        {
            var stamp = FileStamp.Of(_paths.AccountsFile);
            if (stamp == FileStamp.Missing)
            {
                return Snapshot.Empty;
            }

            try
            {
                var text = File.ReadAllText(_paths.AccountsFile);
                var document = JsonSerializer.Deserialize(text, AccountJson.Context.AccountsDocument) ?? new AccountsDocument();
                var accounts = document.Accounts.ToDictionary(a => a.Name, StringComparer.Ordinal);
                return new Snapshot(stamp, accounts);
            }
            catch (FileNotFoundException) when (attempt < 3)
            {
                // Replaced between stat and open by a writer's rename: read the new one.
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"The account file {_paths.AccountsFile} is damaged: {ex.Message}", ex);
            }
        }
    }

    private FileLock AcquireLock()
    {
        _paths.EnsureCreated();
        return FileLock.Acquire(_paths.AccountsFile + ".lock");
    }

    private sealed record Snapshot(FileStamp Stamp, IReadOnlyDictionary<string, CameraAccount> Accounts)
    {
        public static readonly Snapshot Empty = new(FileStamp.Missing, new Dictionary<string, CameraAccount>());
    }
}
