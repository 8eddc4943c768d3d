using Receiver;
using Receiver.Cli;
using Receiver.Hosting;

// Before anything loads OpenSSL: the receiver's TLS settings (no TLS 1.3 session tickets for FTPS).
OpenSslDefaults.Apply();
return await ReceiverProgram.RunAsync(args, CliConsole.System);
