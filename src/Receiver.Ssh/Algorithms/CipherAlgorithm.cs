using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Algorithms;

/// <summary>Builds one direction of a cipher from its derived key and IV, and the negotiated MAC when it needs one.</summary>
internal delegate IPacketCipher PacketCipherFactory(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, MacAlgorithm? mac, ReadOnlySpan<byte> macKey);

/// <summary>
/// A cipher by wire name with everything needed to build it: key and IV sizes, whether a MAC is negotiated
/// alongside it (AEAD modes carry their own tag), and the factory.
/// </summary>
internal sealed record CipherAlgorithm(string Name, int KeyLength, int IvLength, bool NeedsMac, PacketCipherFactory Create);
