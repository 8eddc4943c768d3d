using System.Security.Cryptography;
using System.Text;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Keys;

/// <summary>An SSH public key: its wire blob (RFC 4253 §6.6) and what is derived from it.</summary>
public sealed class SshPublicKey
{
    private SshPublicKey(string keyType, byte[] blob, string comment)
    {
        KeyType = keyType;
        Blob = blob;
        Comment = comment;
        Base64 = Convert.ToBase64String(blob);
        Sha256Fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }

    /// <summary>The key type named inside the blob, e.g. "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256".</summary>
    public string KeyType { get; }

    /// <summary>The SSH wire blob.</summary>
    public byte[] Blob { get; }

    /// <summary>The blob in base64, as cameras display it and take it in <c>sethost</c>.</summary>
    public string Base64 { get; }

    public string Comment { get; }

    /// <summary>"SHA256:" and the unpadded base64 SHA-256 of the blob, as <c>ssh-keygen -l</c> prints it.</summary>
    public string Sha256Fingerprint { get; }

    /// <summary>The OpenSSH one-line form: "type base64 [comment]".</summary>
    public string ToOpenSshLine() => Comment.Length == 0 ? $"{KeyType} {Base64}" : $"{KeyType} {Base64} {Comment}";

    public override string ToString() => $"{KeyType} {Sha256Fingerprint}";

    /// <summary>True when both keys have the same blob (comments are ignored).</summary>
    public bool SameKeyAs(SshPublicKey other) => Blob.AsSpan().SequenceEqual(other.Blob);

    /// <summary>Parses and validates a wire blob.</summary>
    /// <exception cref="FormatException">The blob is malformed or of an unsupported type.</exception>
    public static SshPublicKey FromBlob(ReadOnlySpan<byte> blob, string comment = "")
    {
        var keyType = Validate(blob);
        return new SshPublicKey(keyType, blob.ToArray(), comment);
    }

    /// <summary>
    /// Parses one line of an OpenSSH authorized_keys or .pub file: "[options] type base64 [comment]".
    /// A leading options field (e.g. <c>from="..."</c>) is tolerated and ignored.
    /// </summary>
    /// <exception cref="FormatException">No key, a bad base64 blob, or a type that does not match the blob.</exception>
    public static SshPublicKey ParseAuthorizedKey(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            throw new FormatException("The line holds no public key.");
        }

        var tokens = Tokenize(text);
        var typeIndex = tokens.FindIndex(t => KnownKeyTypes.Contains(t.Value));
        if (typeIndex < 0)
        {
            throw new FormatException(
                $"No supported key type found; expected one of {string.Join(", ", KnownKeyTypes)} followed by the base64 key.");
        }

        if (typeIndex + 1 >= tokens.Count)
        {
            throw new FormatException($"The key type '{tokens[typeIndex].Value}' is not followed by the base64 key.");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(tokens[typeIndex + 1].Value);
        }
        catch (FormatException)
        {
            throw new FormatException("The key data is not valid base64.");
        }

        var key = FromBlob(blob, typeIndex + 2 < tokens.Count ? text[tokens[typeIndex + 2].Start..].Trim() : "");
        if (key.KeyType != tokens[typeIndex].Value)
        {
            throw new FormatException($"The line names '{tokens[typeIndex].Value}' but the key data is '{key.KeyType}'.");
        }

        return key;
    }

    internal static readonly string[] KnownKeyTypes =
        ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"];

    /// <summary>
    /// The bounds OpenSSH accepts: a modulus of 1024 to 16384 bits and an odd public exponent of at most 2^32. A
    /// huge exponent would make every signature check of an unauthenticated client cost many times the usual.
    /// </summary>
    private static void CheckRsaBounds(ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus)
    {
        var bits = BitLength(modulus);
        if (bits < 1024 || bits > 16384)
        {
            throw new FormatException("An ssh-rsa key must have a modulus of 1024 to 16384 bits.");
        }

        // Magnitudes have no leading zero bytes here (SshReader strips them): more than 4 bytes is above 2^32 - 1,
        // and 2^32 itself is even.
        if (exponent.Length == 0 || exponent.Length > 4 || (exponent[^1] & 1) == 0 || (exponent.Length == 1 && exponent[0] < 3))
        {
            throw new FormatException("An ssh-rsa key's public exponent must be odd, at least 3 and at most 2^32.");
        }
    }

    private static int BitLength(ReadOnlySpan<byte> magnitude)
    {
        var i = 0;
        while (i < magnitude.Length && magnitude[i] == 0)
        {
            i++;
        }

        return i == magnitude.Length ? 0 : ((magnitude.Length - i - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude[i]));
    }

    private static string Validate(ReadOnlySpan<byte> blob)
    {
        try
        {
            var reader = new SshReader(blob);
            var keyType = reader.ReadAscii();
            switch (keyType)
            {
                case "ssh-ed25519":
                    if (reader.ReadBytes().Length != 32)
                    {
                        throw new FormatException("An ssh-ed25519 key must be 32 bytes.");
                    }

                    break;
                case "ssh-rsa":
                    var e = reader.ReadMpintMagnitude();
                    var n = reader.ReadMpintMagnitude();
                    CheckRsaBounds(e, n);

                    break;
                case "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521":
                    var curve = reader.ReadAscii();
                    if (keyType != "ecdsa-sha2-" + curve)
                    {
                        throw new FormatException($"The key type '{keyType}' does not match its curve '{curve}'.");
                    }

                    using (EcdsaKeys.Import(keyType, reader.ReadBytes()))
                    {
                    }

                    break;
                default:
                    throw new FormatException($"Unsupported key type '{keyType}'.");
            }

            if (!reader.AtEnd)
            {
                throw new FormatException("Trailing bytes after the key data.");
            }

            return keyType;
        }
        catch (SshProtocolException ex)
        {
            throw new FormatException("The key data is truncated or malformed.", ex);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("The key's curve point is not valid.", ex);
        }
    }

    private readonly record struct Token(string Value, int Start);

    /// <summary>Splits on whitespace outside double quotes (authorized_keys options may quote spaces).</summary>
    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var start = -1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(new Token(current.ToString(), start));
                    current.Clear();
                }

                continue;
            }

            if (current.Length == 0)
            {
                start = i;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            tokens.Add(new Token(current.ToString(), start));
        }

        return tokens;
    }
}
