using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Receiver.Enrollment;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Workflow;

namespace Receiver.Web.Enroll;

/// <summary>
/// Enrollments started from the page. Each runs the same <see cref="EnrollmentWorkflow"/> as receiver --enroll, on
/// its own task: it goes on to its end (or its rollback) when the browser leaves, and the page shows the outcome when
/// it comes back. The last few are kept in memory.
/// </summary>
public sealed partial class EnrollmentJobs(HostEnrollment enroller, TimeProvider time, ILogger<EnrollmentJobs> logger)
{
    private const int Kept = 20;
    private readonly ConcurrentDictionary<string, (EnrollmentJob Job, Task Run)> _jobs = new(StringComparer.Ordinal);

    public EnrollmentJob? Find(string id) => _jobs.TryGetValue(id, out var entry) ? entry.Job : null;

    public IReadOnlyList<EnrollmentJob> Recent() => [.. _jobs.Values.Select(e => e.Job).OrderByDescending(j => j.Started)];

    /// <summary>Waits for every running enrollment (tests, and a clean stop).</summary>
    public Task WhenAllDoneAsync() => Task.WhenAll(_jobs.Values.Select(e => e.Run));

    public EnrollmentJob Start(EnrollmentForm form)
    {
        foreach (var old in _jobs.Values.Where(e => e.Run.IsCompleted).OrderByDescending(e => e.Job.Started).Skip(Kept - 1).ToList())
        {
            _jobs.TryRemove(old.Job.Id, out _);
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var job = new EnrollmentJob(id, form.Address.ToString(), form.Name, time.GetUtcNow());
        LogStarted(logger, form.Name, form.Address.Host, id);
        _jobs[id] = (job, Task.Run(() => RunAsync(job, form)));
        return job;
    }

    private async Task RunAsync(EnrollmentJob job, EnrollmentForm form)
    {
        EnrollmentResult result;
        using var output = new LineWriter(job.Append);
        try
        {
            var request = new EnrollmentRequest
            {
                CameraName = form.Name,
                Protocol = form.Protocol,
                ReceiverAddress = await enroller.ReceiverAddressAsync(form.ReceiverAddress, form.Address.Host, CancellationToken.None),
                ReceiverPort = enroller.ReceiverPort(form.Protocol),
                EnableUploads = form.EnableUploads,
            };
            var connection = new CameraConnectionOptions
            {
                Address = form.Address,
                User = form.User,
                Password = form.Password,
                AllowInvalidCertificate = form.InsecureHttps,
            };
            result = await enroller.RunAsync(connection, request, output, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The end of a background task: whatever went wrong must reach the page as the outcome.
            output.WriteLine($"    FAILED: {ex.Message}");
            result = new EnrollmentResult(EnrollmentOutcome.FailedUnchanged, ex.Message + " Nothing was changed.");
        }

        output.Flush();
        LogFinished(logger, form.Name, job.Id, result.Outcome);
        job.Finish(result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrollment {JobId} of {Camera} at {CameraHost} started from the web page")]
    private static partial void LogStarted(ILogger logger, string camera, string cameraHost, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrollment {JobId} of {Camera} ended: {Outcome}")]
    private static partial void LogFinished(ILogger logger, string camera, string jobId, EnrollmentOutcome outcome);
}
