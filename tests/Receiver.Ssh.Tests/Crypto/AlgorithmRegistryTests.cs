using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Kex;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Tests.Crypto;

/// <summary>
/// Every wire name either profile offers resolves to a factory that works: each cipher with each MAC it pairs
/// with seals a packet that the other side opens (and refuses once a byte is flipped), and each key exchange
/// agrees on the shared secret with an independent client side (BouncyCastle X25519, .NET ECDH, BigInteger DH).
/// </summary>
public sealed class AlgorithmRegistryTests
{
    private static readonly SshHostKey[] HostKeys = [SshHostKey.GenerateEd25519()];

    public static TheoryData<SshProfile> Profiles => [SshProfile.Default, SshProfile.Legacy];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryCipherAndMacOfTheProfileRoundTripsAPacket(SshProfile profile)
    {
        var offered = Offered(profile);
        var combinations = 0;
        foreach (var cipherName in offered.Ciphers)
        {
            var cipher = AlgorithmRegistry.Cipher(cipherName);
            MacAlgorithm?[] macs = cipher.NeedsMac ? [.. offered.Macs.Select(AlgorithmRegistry.Mac)] : [null];
            foreach (var mac in macs)
            {
                AssertRoundTrip(cipher, mac);
                combinations++;
            }
        }

        // 3 AEAD ciphers, and 3 CTR ciphers with 4 MACs each.
        Assert.Equal(15, combinations);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EveryKeyExchangeOfTheProfileAgreesWithAnIndependentClient(SshProfile profile)
    {
        var offered = Offered(profile);
        foreach (var name in offered.Kex)
        {
            AssertKeyExchangeAgrees(AlgorithmRegistry.Kex(name));
        }

        Assert.Equal(profile == SshProfile.Legacy ? 7 : 5, offered.Kex.Count);
    }

    [Fact]
    public void TheInsecureAlgorithmsAreOfferedOnlyInTheLegacyProfile()
    {
        var modern = Offered(SshProfile.Default);
        var legacy = Offered(SshProfile.Legacy);
        Assert.DoesNotContain("diffie-hellman-group14-sha1", modern.Kex);
        Assert.DoesNotContain("ecdh-sha2-nistp256", modern.Kex);
        Assert.DoesNotContain("ssh-rsa", modern.UserSignatures);
        Assert.Contains("diffie-hellman-group14-sha1", legacy.Kex);
        Assert.Contains("ecdh-sha2-nistp256", legacy.Kex);
        Assert.Contains("ssh-rsa", legacy.UserSignatures);
    }

    private static AlgorithmSet Offered(SshProfile profile) =>
        AlgorithmSet.From(new SshServerOptions { Profile = profile }, HostKeys.SelectMany(k => k.SignatureAlgorithms));

    private static void AssertRoundTrip(CipherAlgorithm cipher, MacAlgorithm? mac)
    {
        var key = RandomNumberGenerator.GetBytes(cipher.KeyLength);
        var iv = RandomNumberGenerator.GetBytes(cipher.IvLength);
        var macKey = mac is null ? [] : RandomNumberGenerator.GetBytes(mac.KeyLength);
        using var sender = cipher.Create(key, iv, mac, macKey);
        using var receiver = cipher.Create(key, iv, mac, macKey);
        var label = $"{cipher.Name} + {mac?.Name ?? "(built-in tag)"}";

        for (uint sequence = 3; sequence < 6; sequence++)
        {
            var packet = Packet(sender, RandomNumberGenerator.GetBytes(37 + (int)sequence));
            var sealedPacket = packet.ToArray();
            var tag = new byte[sender.TagLength];
            sender.Seal(sequence, sealedPacket, tag);
            Assert.False(packet.AsSpan(5).SequenceEqual(sealedPacket.AsSpan(5)), $"{label}: the payload went out in clear");

            var tampered = sealedPacket.ToArray();
            tampered[^1] ^= 1;
            using (var other = cipher.Create(key, iv, mac, macKey))
            {
                other.DecryptLength(sequence, tampered);
                var error = Assert.Throws<SshProtocolException>(() => other.Open(sequence, tampered, tag));
                Assert.Equal(DisconnectReason.MacError, error.Reason);
            }

            Assert.Equal((uint)(packet.Length - 4), receiver.DecryptLength(sequence, sealedPacket.AsSpan(0, receiver.FirstReadLength)));
            receiver.Open(sequence, sealedPacket, tag);
            Assert.True(packet.AsSpan().SequenceEqual(sealedPacket), $"{label}: packet {sequence} did not round-trip");
        }
    }

    /// <summary>length, padding length, payload, random padding aligned to the cipher's block (RFC 4253 §6).</summary>
    private static byte[] Packet(Ssh.Crypto.IPacketCipher cipher, byte[] payload)
    {
        var aligned = cipher.LengthOutsideBody ? 1 + payload.Length : 5 + payload.Length;
        var padding = cipher.BlockSize - (aligned % cipher.BlockSize);
        if (padding < 4)
        {
            padding += cipher.BlockSize;
        }

        var packet = new byte[5 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(packet.Length - 4));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        RandomNumberGenerator.Fill(packet.AsSpan(5 + payload.Length));
        return packet;
    }

    private static void AssertKeyExchangeAgrees(KexAlgorithm kex)
    {
        var client = IndependentClient.For(kex.Name);
        using var init = new SshWriter();
        init.Byte(Messages.MessageNumber.KexDhInit);
        client.WritePublic(init);
        var inputs = new ExchangeHashInputs("SSH-2.0-client", "SSH-2.0-server", [20, 1], [20, 2]);
        var result = kex.Create().Respond(init.WrittenSpan, HostKeys[0], "ssh-ed25519", inputs);

        var reply = new SshReader(result.ReplyPayload);
        reply.ExpectMessage(Messages.MessageNumber.KexDhReply);
        Assert.True(reply.ReadBytes().SequenceEqual(HostKeys[0].PublicKey.Blob), kex.Name);
        var expected = client.SharedSecret(ref reply);
        using var k = new SshWriter();
        k.MpintFromMagnitude(expected);
        Assert.True(k.WrittenSpan.SequenceEqual(result.SharedSecret), $"{kex.Name}: the shared secrets differ");
        Assert.True(SignatureVerifier.Verify(HostKeys[0].PublicKey, "ssh-ed25519", reply.ReadBytes(), result.ExchangeHash), $"{kex.Name}: bad signature over H");
    }

    /// <summary>The client's half of each key exchange family, written from the RFCs against other libraries.</summary>
    private abstract class IndependentClient
    {
        public static IndependentClient For(string name) => name switch
        {
            "curve25519-sha256" or "curve25519-sha256@libssh.org" => new X25519Client(),
            "ecdh-sha2-nistp256" => new P256Client(),
            "diffie-hellman-group14-sha256" or "diffie-hellman-group14-sha1" => new DhClient(ModpGroups.Group14),
            "diffie-hellman-group16-sha512" => new DhClient(ModpGroups.Group16),
            "diffie-hellman-group18-sha512" => new DhClient(ModpGroups.Group18),
            _ => throw new InvalidOperationException($"The test has no client side for {name}: add one."),
        };

        public abstract void WritePublic(SshWriter w);

        /// <summary>Reads the server's public value from the reply and returns K as an unsigned big-endian number.</summary>
        public abstract byte[] SharedSecret(ref SshReader reply);
    }

    private sealed class X25519Client : IndependentClient
    {
        private readonly byte[] _secret = RandomNumberGenerator.GetBytes(X25519.ScalarSize);

        public override void WritePublic(SshWriter w)
        {
            var point = new byte[X25519.PointSize];
            X25519.ScalarMultBase(_secret, 0, point, 0);
            w.String(point);
        }

        public override byte[] SharedSecret(ref SshReader reply)
        {
            var shared = new byte[X25519.PointSize];
            Assert.True(X25519.CalculateAgreement(_secret, 0, reply.ReadBytes().ToArray(), 0, shared, 0));
            return shared;
        }
    }

    private sealed class P256Client : IndependentClient
    {
        private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public override void WritePublic(SshWriter w)
        {
            var q = _key.ExportParameters(false).Q;
            w.String([4, .. q.X!, .. q.Y!]);
        }

        public override byte[] SharedSecret(ref SshReader reply)
        {
            var point = reply.ReadBytes();
            using var server = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
            });
            return _key.DeriveRawSecretAgreement(server.PublicKey);
        }
    }

    private sealed class DhClient(BigInteger prime) : IndependentClient
    {
        private readonly BigInteger _prime = prime;
        private readonly BigInteger _x = new(RandomNumberGenerator.GetBytes(64), isUnsigned: true, isBigEndian: true);

        public override void WritePublic(SshWriter w) =>
            w.MpintFromMagnitude(BigInteger.ModPow(2, _x, _prime).ToByteArray(isUnsigned: true, isBigEndian: true));

        public override byte[] SharedSecret(ref SshReader reply)
        {
            var f = new BigInteger(reply.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
            return BigInteger.ModPow(f, _x, _prime).ToByteArray(isUnsigned: true, isBigEndian: true);
        }
    }
}
