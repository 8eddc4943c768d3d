using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Receiver.Ssh.Crypto;

/// <summary>aes128-gcm@openssh.com / aes256-gcm@openssh.com (RFC 5647 as OpenSSH does it): the length is clear and authenticated.</summary>
internal sealed class AesGcmCipher : IPacketCipher
{
    private readonly AesGcm _aes;
    private readonly byte[] _nonce;

    public AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _aes = new AesGcm(key, 16);
        _nonce = iv[..12].ToArray();
    }

    public int BlockSize => 16;

    public int TagLength => 16;

    public bool LengthOutsideBody => true;

    public int FirstReadLength => 4;

    public void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        _aes.Encrypt(_nonce, packet[4..], packet[4..], tag, packet[..4]);
        IncrementInvocationCounter();
    }

    public uint DecryptLength(uint sequence, Span<byte> first) => BinaryPrimitives.ReadUInt32BigEndian(first);

    public void Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        try
        {
            _aes.Decrypt(_nonce, packet[4..], tag, packet[4..], packet[..4]);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SshProtocolException("Message authentication failed.", ex) { Reason = DisconnectReason.MacError };
        }

        IncrementInvocationCounter();
    }

    private void IncrementInvocationCounter()
    {
        var counter = BinaryPrimitives.ReadUInt64BigEndian(_nonce.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(4), counter + 1);
    }

    public void Dispose() => _aes.Dispose();
}
