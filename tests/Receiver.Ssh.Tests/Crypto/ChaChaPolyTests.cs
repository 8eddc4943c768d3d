using System.Buffers.Binary;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Tests.Crypto;

/// <summary>Our allocation-free ChaCha20 and Poly1305, and the body stream from OpenSSL, give the same bytes as BouncyCastle's reference implementations.</summary>
public sealed class ChaChaPolyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(32768 + 13)]
    public void Poly1305MatchesBouncyCastle(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 20; round++)
        {
            var key = new byte[32];
            var message = new byte[length];
            random.NextBytes(key);
            random.NextBytes(message);
            if (round == 0)
            {
                Array.Fill(key, (byte)0xff);
                Array.Fill(message, (byte)0xff);
            }

            var expected = ReferenceTag(key, message);

            var actual = new byte[16];
            Poly1305.Compute(key, message, actual);
            Assert.Equal(expected, actual);

            // Both limb layouts, whichever this CPU's build picks (the x64 NativeAOT program runs radix 2^26).
            var radix64 = new byte[16];
            Poly1305.ComputeRadix64(key, message, radix64);
            Assert.Equal(expected, radix64);
            var radix26 = new byte[16];
            Poly1305Radix26.Compute(key, message, radix26);
            Assert.Equal(expected, radix26);
        }
    }

    /// <summary>
    /// RFC 8439 A.3's vectors 6-9 (r = 1 or 2, s = 0, messages of 0xff, 0xfe, 0xfd words): sums that land at or just
    /// above p = 2^130 - 5, where the final reduction and the carries matter. Random messages almost never reach them.
    /// </summary>
    [Theory]
    [InlineData("02", "ffffffffffffffffffffffffffffffff")]
    [InlineData("02", "fdffffffffffffffffffffffffffffff")]
    [InlineData("01", "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff11000000000000000000000000000000")]
    [InlineData("01", "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe01010101010101010101010101010101")]
    public void Poly1305MatchesBouncyCastleWhereTheSumReachesP(string r, string messageHex)
    {
        var key = new byte[32];
        key[0] = Convert.FromHexString(r)[0];
        var message = Convert.FromHexString(messageHex);
        var expected = ReferenceTag(key, message);

        var radix64 = new byte[16];
        Poly1305.ComputeRadix64(key, message, radix64);
        var radix26 = new byte[16];
        Poly1305Radix26.Compute(key, message, radix26);

        Assert.Equal(expected, radix64);
        Assert.Equal(expected, radix26);
    }

    /// <summary>BouncyCastle's Poly1305 tag, the reference.</summary>
    private static byte[] ReferenceTag(byte[] key, byte[] message)
    {
        var tag = new byte[16];
        var reference = new Org.BouncyCastle.Crypto.Macs.Poly1305();
        reference.Init(new KeyParameter(key));
        reference.BlockUpdate(message, 0, message.Length);
        reference.DoFinal(tag, 0);
        return tag;
    }

    [Theory]
    [InlineData(0UL, 4)]
    [InlineData(1UL, 64)]
    [InlineData(0xFFFFFFFFUL, 65)]
    [InlineData(7UL, 300)]
    [InlineData(123456789UL, 32768 + 5)]
    public void ChaCha20MatchesBouncyCastle(ulong sequence, int length)
    {
        var random = new Random(length);
        var key = new byte[32];
        random.NextBytes(key);
        var data = new byte[length];
        random.NextBytes(data);

        var expected = (byte[])data.Clone();
        var iv = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(iv, sequence);
        var engine = new ChaChaEngine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), iv));
        var skip = new byte[64];
        engine.ProcessBytes(skip, 0, 64, skip, 0);
        engine.ProcessBytes(expected, 0, expected.Length, expected, 0);

        var managed = (byte[])data.Clone();
        new ChaCha20(key).Xor(sequence, 1, managed);
        Assert.Equal(expected, managed);

        // The packet body's stream comes from OpenSSL through .NET's IETF AEAD; that path must be the one tested.
        Assert.True(System.Security.Cryptography.ChaCha20Poly1305.IsSupported, "this machine's OpenSSL has no ChaCha20-Poly1305");
        var body = (byte[])data.Clone();
        using (var stream = new ChaCha20BodyStream(key, new ChaCha20(key)))
        {
            stream.Xor((uint)sequence, body);
        }

        Assert.Equal(expected, body);
    }
}
