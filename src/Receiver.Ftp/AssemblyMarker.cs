namespace Receiver.Ftp;
internal static class AssemblyMarker { }
