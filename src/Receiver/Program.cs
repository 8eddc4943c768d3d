using Receiver;
using Receiver.Cli;

return await ReceiverProgram.RunAsync(args, CliConsole.System);
