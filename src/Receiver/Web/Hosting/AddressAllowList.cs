using System.Net;

namespace Receiver.Web.Hosting;

/// <summary>Addresses and networks from a comma-separated list ("127.0.0.1, 192.168.1.0/24, ::1"); empty allows everyone.</summary>
internal sealed class AddressAllowList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    private AddressAllowList(IReadOnlyList<IPNetwork> networks)
    {
        _networks = networks;
    }

    public bool AllowsEveryone => _networks.Count == 0;

    public static bool TryParse(string? text, out AddressAllowList list, out string? bad)
    {
        var networks = new List<IPNetwork>();
        bad = null;
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(item, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                bad = item;
                list = new AddressAllowList([]);
                return false;
            }
        }

        list = new AddressAllowList(networks);
        return true;
    }

    public bool Allows(IPAddress? address)
    {
        if (AllowsEveryone)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _networks.Any(n => n.Contains(plain));
    }
}
