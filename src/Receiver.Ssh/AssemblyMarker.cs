namespace Receiver.Ssh;
internal static class AssemblyMarker { }
