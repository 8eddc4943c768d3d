using Receiver.Ssh.Kex;

namespace Receiver.Ssh.Algorithms;

/// <summary>A key exchange by wire name and the factory of its server side (a fresh one per exchange).</summary>
internal sealed record KexAlgorithm(string Name, Func<KeyExchange> Create);
