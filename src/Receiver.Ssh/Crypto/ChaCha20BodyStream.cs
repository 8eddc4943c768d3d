using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// The key stream of chacha20-poly1305@openssh.com's packet body (the original ChaCha20 from block 1, nonce =
/// the sequence number) from OpenSSL's vectorised ChaCha20, through .NET's IETF AEAD: with a 32-bit counter and a
/// 96-bit nonce whose first word is zero, the IETF state equals the original one for counters below 2^32, and the
/// AEAD encrypts from block 1, as OpenSSH does. Its tag (formatted differently) is discarded; OpenSSH's tag is
/// computed by <see cref="Poly1305"/>. Where .NET has no ChaCha20Poly1305, the managed ChaCha20 of the same key
/// (which the cipher keeps for the Poly1305 key anyway) does the work.
/// </summary>
internal sealed class ChaCha20BodyStream : IDisposable
{
    private readonly ChaCha20Poly1305? _openSsl;
    private readonly ChaCha20 _managed;

    public ChaCha20BodyStream(ReadOnlySpan<byte> key, ChaCha20 managed)
    {
        _managed = managed;
        if (ChaCha20Poly1305.IsSupported)
        {
            _openSsl = new ChaCha20Poly1305(key);
        }
    }

    /// <summary>XORs the key stream for <paramref name="sequence"/> from block 1 into <paramref name="data"/>.</summary>
    public void Xor(uint sequence, Span<byte> data)
    {
        if (_openSsl is null)
        {
            _managed.Xor(sequence, 1, data);
            return;
        }

        Span<byte> nonce = stackalloc byte[12];
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], sequence);
        Span<byte> unusedTag = stackalloc byte[16];
        _openSsl.Encrypt(nonce, data, data, unusedTag);
    }

    public void Dispose() => _openSsl?.Dispose();
}
