using Receiver.Fuzz;
using SharpFuzz;

// Receiver.Fuzz <target>: the SharpFuzz fork server for afl-fuzz (fuzz/run.sh). Outside afl-fuzz it runs the target
// once on stdin, which is how a finding is replayed: dotnet fuzz/out/bin/Receiver.Fuzz.dll sftp < fuzz/out/sftp/default/crashes/id:...
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Receiver.Fuzz <target>   (targets: {string.Join(", ", FuzzTargets.Names)}; seeds in fuzz/corpus/<target>)");
    return 2;
}

// Created on the first input, not before: instrumented code must not run until Fuzzer.Run has set up the coverage map.
FuzzTarget? harness = null;
try
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var input = new MemoryStream();
        stream.CopyTo(input);
        harness ??= FuzzTargets.Create(args[0]);
        harness.Run(input.ToArray());
    });
}
finally
{
    harness?.Dispose();
}

return 0;
