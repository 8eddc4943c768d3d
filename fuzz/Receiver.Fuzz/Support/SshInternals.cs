using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Receiver.Ssh;
using Receiver.Ssh.Keys;

namespace Receiver.Fuzz.Support;

/// <summary>Decodes one SSH message payload the way the connection does (a bad payload throws SshProtocolException).</summary>
public delegate object? SshPayloadParser(ReadOnlySpan<byte> payload);

public delegate uint SshRecipientReader(ReadOnlySpan<byte> payload);

public delegate (uint Recipient, uint BytesToAdd) SshWindowAdjustParser(ReadOnlySpan<byte> payload);

public delegate (uint Recipient, int Offset, int Length) SshDataParser(ReadOnlySpan<byte> payload);

public delegate (uint Recipient, int Length) SshExtendedDataParser(ReadOnlySpan<byte> payload);

public delegate byte[] SshSignedDataBuilder(ReadOnlySpan<byte> sessionId);

public delegate bool SshSignatureCheck(SshPublicKey key, string algorithm, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data);

/// <summary>
/// The SSH decoders are internal to Receiver.Ssh (only its own test project sees them), so the harnesses bind to
/// them by name, once, and fail loudly at start when a name changed: the seed replay test in the normal test run
/// (FuzzSeedTests) notices that at once.
/// </summary>
public static class SshInternals
{
    private static readonly Assembly Ssh = typeof(SshServer).Assembly;
    private static readonly Type ConnectionSettingsType = Type("Receiver.Ssh.ConnectionSettings");
    private static readonly Type ConnectionType = Type("Receiver.Ssh.SshConnection");
    private static readonly ConstructorInfo SettingsConstructor = ConnectionSettingsType.GetConstructor([typeof(SshServerOptions)])
        ?? throw Missing("ConnectionSettings(SshServerOptions)");

    private static readonly ConstructorInfo ConnectionConstructor =
        ConnectionType.GetConstructor([typeof(Stream), typeof(IPEndPoint), ConnectionSettingsType, typeof(ILogger)])
        ?? throw Missing("SshConnection(Stream, IPEndPoint, ConnectionSettings, ILogger)");

    private static readonly MethodInfo RunMethod = ConnectionType.GetMethod("RunAsync", [typeof(CancellationToken)])
        ?? throw Missing("SshConnection.RunAsync(CancellationToken)");

    /// <summary>The checked, shared settings a server builds from its options.</summary>
    public static object CreateSettings(SshServerOptions options) => Unwrap(() => SettingsConstructor.Invoke([options]));

    /// <summary>One server-side connection over <paramref name="stream"/>, as the server creates it for an accepted socket.</summary>
    public static IAsyncDisposable CreateConnection(Stream stream, IPEndPoint remote, object settings, ILogger logger) =>
        (IAsyncDisposable)Unwrap(() => ConnectionConstructor.Invoke([stream, remote, settings, logger]));

    public static Task RunConnectionAsync(IAsyncDisposable connection, CancellationToken cancellationToken) =>
        (Task)Unwrap(() => RunMethod.Invoke(connection, [cancellationToken])!);

    public static T Static<T>(string typeName, string methodName)
        where T : Delegate =>
        Type(typeName).GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.CreateDelegate<T>()
        ?? throw Missing($"{typeName}.{methodName}");

    public static T Instance<T>(object target, string methodName)
        where T : Delegate =>
        target.GetType().GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.CreateDelegate<T>(target)
        ?? throw Missing($"{target.GetType().Name}.{methodName}");

    public static object? Property(object target, string name) =>
        (target.GetType().GetProperty(name) ?? throw Missing($"{target.GetType().Name}.{name}")).GetValue(target);

    private static Type Type(string name) => Ssh.GetType(name, throwOnError: false) ?? throw Missing(name);

    private static object Unwrap(Func<object> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private static InvalidOperationException Missing(string what) =>
        new($"Receiver.Ssh no longer has {what}; update fuzz/Receiver.Fuzz/Support/SshInternals.cs.");
}
