using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Tests.Crypto;

/// <summary>
/// Both AES-CTR paths (libcrypto's CTR, and .NET's ECB over counters) give BouncyCastle's key stream, across calls
/// of any whole-block size and across the counter's carries, for every key size SSH names.
/// </summary>
public sealed class AesCtrTests
{
    [Fact]
    public void LibCryptoCtrIsUsedOnLinux()
    {
        // The fast path must really be the one that runs here; the fallback alone would pass the tests below.
        Assert.True(OpenSslAesCtr.IsSupported, "libcrypto's EVP AES-CTR could not be loaded on this Linux machine.");
    }

    public static TheoryData<bool, int, string> Cases()
    {
        var data = new TheoryData<bool, int, string>();
        foreach (var openSsl in new[] { true, false })
        {
            foreach (var keyLength in new[] { 16, 24, 32 })
            {
                data.Add(openSsl, keyLength, "000102030405060708090a0b0c0d0e0f");
                data.Add(openSsl, keyLength, "0001020304050607fffffffffffffffd"); // the low 64 bits carry into the high ones
                data.Add(openSsl, keyLength, "fffffffffffffffffffffffffffffffe"); // the whole counter wraps to zero
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KeyStreamMatchesBouncyCastle(bool openSsl, int keyLength, string ivHex)
    {
        var random = new Random(keyLength);
        var key = new byte[keyLength];
        random.NextBytes(key);
        var iv = Convert.FromHexString(ivHex);
        var plain = new byte[16 * 1000];
        random.NextBytes(plain);

        var expected = new byte[plain.Length];
        var reference = new SicBlockCipher(new AesEngine());
        reference.Init(true, new ParametersWithIV(new KeyParameter(key), iv));
        for (var offset = 0; offset < plain.Length; offset += 16)
        {
            reference.ProcessBlock(plain, offset, expected, offset);
        }

        var actual = (byte[])plain.Clone();
        using var ctr = new AesCtr(key, iv, openSsl);
        var done = 0;
        foreach (var blocks in new[] { 1, 2, 3, 255, 256, 257, 16, 1 })
        {
            ctr.Transform(actual.AsSpan(done, blocks * 16));
            done += blocks * 16;
        }

        ctr.Transform(actual.AsSpan(done));

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PartialBlockIsRefused(bool openSsl)
    {
        using var ctr = new AesCtr(new byte[16], new byte[16], openSsl);
        Assert.Throws<SshProtocolException>(() => ctr.Transform(new byte[20]));
    }
}
