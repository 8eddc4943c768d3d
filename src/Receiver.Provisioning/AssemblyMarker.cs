namespace Receiver.Provisioning;
internal static class AssemblyMarker { }
