using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// AES in counter mode (RFC 4344). Where libcrypto can be called (Linux), OpenSSL's own CTR does it
/// (<see cref="OpenSslAesCtr"/>); elsewhere it is built on .NET's AES-ECB over a block of counters, reusing its
/// buffers. That ECB transform lives as long as the key: the one-shot <c>Aes.EncryptEcb</c> creates an OpenSSL
/// context and expands the key on every call, and copies its input, which cost more than the AES itself at 4 kB
/// per call.
/// </summary>
internal sealed class AesCtr : IDisposable
{
    private const int ChunkBlocks = 256;
    private readonly OpenSslAesCtr? _openSsl;
    private readonly Aes? _aes;
    private readonly ICryptoTransform? _ecb;
    private ulong _counterHigh;
    private ulong _counterLow;
    private readonly byte[]? _counters;
    private readonly byte[]? _keyStream;

    public AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool useOpenSslCtr = true)
    {
        if (useOpenSslCtr && OpenSslAesCtr.IsSupported)
        {
            _openSsl = OpenSslAesCtr.Create(key, iv);
            return;
        }

        _counters = new byte[ChunkBlocks * 16];
        _keyStream = new byte[ChunkBlocks * 16];
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
        _counterHigh = BinaryPrimitives.ReadUInt64BigEndian(iv);
        _counterLow = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
    }

    /// <summary>Encrypts or decrypts whole blocks in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Transform(Span<byte> data)
    {
        if (data.Length % 16 != 0)
        {
            throw new SshProtocolException("AES-CTR data is not a whole number of blocks.");
        }

        if (_openSsl is not null)
        {
            _openSsl.Transform(data);
            return;
        }

        while (data.Length > 0)
        {
            var bytes = Math.Min(data.Length, _counters!.Length);
            var counters = _counters.AsSpan();
            for (var offset = 0; offset < bytes; offset += 16)
            {
                BinaryPrimitives.WriteUInt64BigEndian(counters[offset..], _counterHigh);
                BinaryPrimitives.WriteUInt64BigEndian(counters[(offset + 8)..], _counterLow);
                if (++_counterLow == 0)
                {
                    _counterHigh++;
                }
            }

            _ecb!.TransformBlock(_counters, 0, bytes, _keyStream!, 0);
            KeyStreamXor.Into(data[..bytes], _keyStream.AsSpan(0, bytes));

            data = data[bytes..];
        }
    }

    public void Dispose()
    {
        _openSsl?.Dispose();
        _ecb?.Dispose();
        _aes?.Dispose();
    }
}
