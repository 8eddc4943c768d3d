using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Receiver.Events.Delivery;

/// <summary>
/// Fills in the SHA-256 of an upload whose bytes did not arrive in order (so it could not be hashed while written),
/// when the first sink needs it: off the upload path, once per event for all sinks.
/// </summary>
public sealed class EventHashes(string dataRoot, bool enabled)
{
    private readonly ConcurrentDictionary<string, string> _computed = new(StringComparer.Ordinal);

    public async Task<UploadEvent> CompleteAsync(UploadEvent e, CancellationToken cancellationToken)
    {
        if (!enabled || e.Sha256 is not null || e.Path is null || !EventTypes.IsUpload(e.EventType))
        {
            return e;
        }

        if (!_computed.TryGetValue(e.Id, out var hash))
        {
            var file = Path.Combine(dataRoot, e.Path);
            if (!File.Exists(file))
            {
                return e;
            }

            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }

            if (_computed.Count > 1024)
            {
                _computed.Clear();
            }

            _computed[e.Id] = hash;
        }

        return e with { Sha256 = hash };
    }
}
