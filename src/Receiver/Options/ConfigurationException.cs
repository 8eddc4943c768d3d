namespace Receiver.Options;

/// <summary>
/// A configuration value the receiver cannot use; the message names the key. The program prints it as one line and
/// exits with code 2, as it does for a value the validators refuse.
/// </summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
