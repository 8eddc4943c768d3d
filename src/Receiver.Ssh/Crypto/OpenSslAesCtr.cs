using System.Runtime.InteropServices;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// AES-CTR from OpenSSL's libcrypto, the library .NET's own AES already runs on Linux, called directly because .NET
/// exposes no CTR mode. One EVP call per packet runs OpenSSL's CTR code (AES-NI, or the bit-sliced and NEON code
/// where the CPU has no AES instructions, as on a Pi 4), which encrypts many counter blocks at once, instead of
/// building counters, encrypting them with ECB one block at a time and XORing them in a third pass.
/// </summary>
internal sealed unsafe class OpenSslAesCtr : SafeHandle
{
    private OpenSslAesCtr()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Whether this process can call libcrypto's CTR; where not, <see cref="AesCtr"/> uses .NET's ECB.</summary>
    public static bool IsSupported => LibCrypto.Functions is not null;

    /// <summary>A context keyed with <paramref name="key"/> (16, 24 or 32 bytes) whose counter starts at <paramref name="iv"/>.</summary>
    public static OpenSslAesCtr Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        var f = LibCrypto.Functions ?? throw new PlatformNotSupportedException("libcrypto was not found.");
        if (iv.Length < 16)
        {
            throw new ArgumentException("AES-CTR needs a 16-byte counter.", nameof(iv));
        }

        var cipher = key.Length switch
        {
            16 => f.Aes128Ctr(),
            24 => f.Aes192Ctr(),
            32 => f.Aes256Ctr(),
            _ => throw new ArgumentException("AES keys are 16, 24 or 32 bytes.", nameof(key)),
        };
        var context = new OpenSslAesCtr();
        context.SetHandle(f.ContextNew());
        if (context.IsInvalid || cipher == IntPtr.Zero)
        {
            context.Dispose();
            throw new InvalidOperationException("libcrypto could not make an AES-CTR context.");
        }

        fixed (byte* k = key)
        fixed (byte* i = iv)
        {
            if (f.EncryptInit(context.handle, cipher, IntPtr.Zero, k, i) != 1)
            {
                context.Dispose();
                throw new InvalidOperationException("libcrypto refused the AES-CTR key.");
            }
        }

        return context;
    }

    /// <summary>XORs the next bytes of the key stream into <paramref name="data"/>, in place.</summary>
    public void Transform(Span<byte> data)
    {
        var f = LibCrypto.Functions!;
        fixed (byte* p = data)
        {
            int written;
            if (f.EncryptUpdate(handle, p, &written, p, data.Length) != 1 || written != data.Length)
            {
                throw new InvalidOperationException("libcrypto's AES-CTR failed.");
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        // EVP_CIPHER_CTX_free clears the expanded key before it frees it.
        LibCrypto.Functions!.ContextFree(handle);
        return true;
    }

    /// <summary>The few libcrypto entry points CTR needs, resolved once from the libcrypto .NET itself loads.</summary>
    private sealed class LibCrypto
    {
        // The sonames .NET's OpenSSL shim looks for, newest first; the loader hands back the copy already loaded.
        private static readonly string[] Names = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"];

        public static readonly LibCrypto? Functions = Load();

        public delegate* unmanaged<IntPtr> ContextNew { get; private init; }

        public delegate* unmanaged<IntPtr, void> ContextFree { get; private init; }

        public delegate* unmanaged<IntPtr> Aes128Ctr { get; private init; }

        public delegate* unmanaged<IntPtr> Aes192Ctr { get; private init; }

        public delegate* unmanaged<IntPtr> Aes256Ctr { get; private init; }

        public delegate* unmanaged<IntPtr, IntPtr, IntPtr, byte*, byte*, int> EncryptInit { get; private init; }

        public delegate* unmanaged<IntPtr, byte*, int*, byte*, int, int> EncryptUpdate { get; private init; }

        private static LibCrypto? Load()
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            foreach (var name in Names)
            {
                if (!NativeLibrary.TryLoad(name, out var library))
                {
                    continue;
                }

                try
                {
                    return new LibCrypto
                    {
                        ContextNew = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "EVP_CIPHER_CTX_new"),
                        ContextFree = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "EVP_CIPHER_CTX_free"),
                        Aes128Ctr = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "EVP_aes_128_ctr"),
                        Aes192Ctr = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "EVP_aes_192_ctr"),
                        Aes256Ctr = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "EVP_aes_256_ctr"),
                        EncryptInit = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, byte*, byte*, int>)NativeLibrary.GetExport(library, "EVP_EncryptInit_ex"),
                        EncryptUpdate = (delegate* unmanaged<IntPtr, byte*, int*, byte*, int, int>)NativeLibrary.GetExport(library, "EVP_EncryptUpdate"),
                    };
                }
                catch (EntryPointNotFoundException)
                {
                    // Not a libcrypto we can use; try the next name.
                }
            }

            return null;
        }
    }
}
