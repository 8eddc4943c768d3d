namespace Receiver.Events.Outbox;

/// <summary>One outbox file, "outbox-&lt;first seq&gt;.jsonl": appended to until it is full, deleted once every sink is past it.</summary>
internal sealed class OutboxSegment(long firstSeq, string path)
{
    public long FirstSeq { get; } = firstSeq;

    public string Path { get; } = path;

    public long LastSeq { get; set; } = firstSeq - 1;

    public long Bytes { get; set; }

    public static string NameFor(long firstSeq) => $"outbox-{firstSeq:D12}.jsonl";
}
