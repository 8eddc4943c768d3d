using System.Buffers.Binary;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A small mutation engine over a seed corpus (the moves AFL and libFuzzer make most: bit flips, interesting
/// integers, inserted/deleted/duplicated ranges, splices of two seeds). Seeded, so a failure is reproducible from
/// the seed printed with it.
/// </summary>
public sealed class Mutator(IReadOnlyList<byte[]> seeds, int seed)
{
    private static readonly uint[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFF0];
    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        var data = new List<byte>(seeds[_random.Next(seeds.Count)]);
        var moves = 1 + _random.Next(4);
        for (var i = 0; i < moves; i++)
        {
            Mutate(data);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        if (data.Count == 0)
        {
            data.Add((byte)_random.Next(256));
            return;
        }

        var at = _random.Next(data.Count);
        switch (_random.Next(8))
        {
            case 0:
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                data[at] = (byte)_random.Next(256);
                break;
            case 2 when at + 4 <= data.Count:
                Span<byte> value = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(value, Interesting[_random.Next(Interesting.Length)]);
                for (var i = 0; i < 4; i++)
                {
                    data[at + i] = value[i];
                }

                break;
            case 3:
                var insert = new byte[1 + _random.Next(16)];
                _random.NextBytes(insert);
                data.InsertRange(at, insert);
                break;
            case 4:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                break;
            case 5:
                var length = Math.Min(data.Count - at, 1 + _random.Next(64));
                data.InsertRange(_random.Next(data.Count), data.GetRange(at, length));
                break;
            case 6:
                var other = seeds[_random.Next(seeds.Count)];
                var from = _random.Next(other.Length);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            default:
                data.RemoveRange(at, data.Count - at);
                break;
        }
    }

    /// <summary>The committed seed corpus of one target (fuzz/corpus/&lt;target&gt;, copied next to the tests).</summary>
    public static IReadOnlyList<byte[]> Corpus(string target) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "corpus", target)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    /// <summary>The iterations of one target: a fixed count, so the normal test run tries the same inputs every time (fuzz/run.sh is the long, coverage-guided run).</summary>
    public static IEnumerable<int> Iterations(int normalCount) => Enumerable.Range(0, normalCount);
}
