using Microsoft.Extensions.Configuration;

namespace Receiver.Options;

/// <summary>
/// Runs a configuration binding (a plain Bind or Get, so the binder's source generator sees the type) and turns the
/// binder's failure ("Failed to convert configuration value at 'Ftp:Port' …", which names the key) into a
/// <see cref="ConfigurationException"/>, so the program recognizes it by type.
/// </summary>
public static class OptionsBinding
{
    public static void Bind(Action bind)
    {
        try
        {
            bind();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }

    public static T Get<T>(Func<T?> get)
        where T : class, new()
    {
        try
        {
            return get() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }
}
