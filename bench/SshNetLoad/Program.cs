// Uploads the SSH.NET cameras' share of bench/load.sh: reads a plan (one JSON object per line:
// {"camera":"cam003","round":0,"files":[["r0-snap0.jpg","/tmp/.../pool-3.jpg"], ...]}), runs every camera at once
// (its rounds one after the other, one SFTP connection per round, as a camera's snapshot burst) and prints per file
//   ok <camera> <round> <remote> <seconds from connect to committed>
// and per failed connection
//   fail <camera> <round> <message>
// The server answers an SFTP CLOSE only once the file is committed, so UploadFile's return marks the commit.
// Usage: SshNetLoad <plan file> <port> <password>
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Renci.SshNet;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: SshNetLoad <plan file> <port> <password>");
    return 64;
}

var plan = File.ReadLines(args[0]).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<PlannedConnection>(line)!).ToList();
var port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var password = args[2];
var output = TextWriter.Synchronized(Console.Out);

// SSH.NET's calls block, so each camera gets its own thread from the start.
ThreadPool.SetMinThreads(Math.Max(plan.Count, 16), 16);
var cameras = plan.GroupBy(p => p.Camera).Select(camera => Task.Run(() =>
{
    foreach (var connection in camera.OrderBy(p => p.Round))
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var client = new SftpClient("127.0.0.1", port, connection.Camera, password);
            client.ConnectionInfo.Timeout = TimeSpan.FromSeconds(60);
            client.Connect();
            foreach (var file in connection.Files)
            {
                using var source = File.OpenRead(file[1]);
                client.UploadFile(source, file[0]);
                output.WriteLine($"ok {connection.Camera} {connection.Round} {file[0]} {clock.Elapsed.TotalSeconds:F4}");
            }

            client.Disconnect();
        }
        catch (Exception ex)
        {
            output.WriteLine($"fail {connection.Camera} {connection.Round} {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }
})).ToArray();
await Task.WhenAll(cameras);
output.Flush();
return 0;

internal sealed record PlannedConnection(
    [property: JsonPropertyName("camera")] string Camera,
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("files")] string[][] Files);
