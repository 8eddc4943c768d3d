using System.Net;

namespace Receiver.Ftp;

/// <summary>Counts open control connections, in total and per client address.</summary>
internal sealed class ConnectionLimiter(int maxTotal, int maxPerAddress)
{
    private readonly Dictionary<IPAddress, int> perAddress = [];
    private int total;

    public bool TryAcquire(IPAddress address)
    {
        lock (perAddress)
        {
            perAddress.TryGetValue(address, out var count);
            if (total >= maxTotal || count >= maxPerAddress)
            {
                return false;
            }

            perAddress[address] = count + 1;
            total++;
            return true;
        }
    }

    public void Release(IPAddress address)
    {
        lock (perAddress)
        {
            total--;
            if (perAddress.TryGetValue(address, out var count) && count > 1)
            {
                perAddress[address] = count - 1;
            }
            else
            {
                perAddress.Remove(address);
            }
        }
    }
}
