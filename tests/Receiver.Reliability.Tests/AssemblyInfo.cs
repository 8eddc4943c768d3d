// The suite starts real receiver processes, mounts file systems and loads the loopback interface: running its
// classes one after another keeps each one's figures (RSS, timing of uploads) free of the others' noise.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
