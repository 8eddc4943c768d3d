namespace CameraEmulator;

/// <summary>
/// The command table of the emulated param.cgi: command name → handler. Handlers get the decoded parameters
/// (without cmd/user/pwd) and return the answer; unknown commands answer 204.
/// </summary>
internal sealed class ParamCgiCommands
{
    private readonly EmulatedCamera _camera;
    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, CancellationToken, Task<CgiAnswer>>> _table;

    public ParamCgiCommands(EmulatedCamera camera)
    {
        _camera = camera;
        _table = new(StringComparer.Ordinal)
        {
            ["getftpattr"] = Sync(GetFtpAttr),
            ["setftpattr"] = Sync(p => SetValues("setftpattr", p, ParamValidation.FtpAttr, ApplyFtpAttr)),
            ["testftp"] = TestFtpAsync,
            ["getpubkey"] = Sync(_ => new CgiAnswer("getpubkey").Add("publickey", _camera.SshKey.PublicKeyLine)),
            ["getftpaction"] = Sync(GetFtpAction),
            ["setftpaction"] = Sync(SetFtpAction),
            ["getftpactionattr"] = Sync(_ => Locked(() => new CgiAnswer("getftpactionattr").Add("snapcount", State.SnapCount))),
            ["setftpactionattr"] = Sync(SetFtpActionAttr),
            ["getsnapschedftpattr"] = Sync(_ => GetAll("getsnapschedftpattr", State.SnapSchedule)),
            ["setsnapschedftpattr"] = Sync(p => SetValues("setsnapschedftpattr", p, ParamValidation.SnapSchedule, (k, v) => State.SnapSchedule[k] = v)),
            ["getsnaptimerftpattr"] = Sync(_ => GetAll("getsnaptimerftpattr", State.SnapTimer)),
            ["setsnaptimerftpattr"] = Sync(p => SetValues("setsnaptimerftpattr", p, ParamValidation.SnapTimer, (k, v) => State.SnapTimer[k] = v)),
        };
    }

    private CameraState State => _camera.State;

    public Task<CgiAnswer> ExecuteAsync(string command, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (_camera.Options.FailingCommands.TryGetValue(command, out var injected))
        {
            return Task.FromResult(CgiAnswer.Error(command, injected));
        }

        return _table.TryGetValue(command, out var handler)
            ? handler(parameters, cancellationToken)
            : Task.FromResult(CgiAnswer.Error(command, 204));
    }

    private static Func<IReadOnlyDictionary<string, string>, CancellationToken, Task<CgiAnswer>> Sync(Func<IReadOnlyDictionary<string, string>, CgiAnswer> handler) =>
        (p, _) => Task.FromResult(handler(p));

    private CgiAnswer Locked(Func<CgiAnswer> action)
    {
        lock (State.Gate)
        {
            return action();
        }
    }

    private CgiAnswer GetFtpAttr(IReadOnlyDictionary<string, string> parameters) => Locked(() =>
    {
        var answer = new CgiAnswer("getftpattr");
        foreach (var (name, value) in State.Ftp)
        {
            answer.Add(name, value);
        }

        return answer;
    });

    private void ApplyFtpAttr(string name, string value)
    {
        if (name == "ft_password")
        {
            State.FtpPassword = value;
        }
        else
        {
            State.Ftp[name] = value;
        }
    }

    private CgiAnswer GetAll(string command, Dictionary<string, string> values) => Locked(() =>
    {
        var answer = new CgiAnswer(command);
        foreach (var (name, value) in values)
        {
            answer.Add(name, value);
        }

        return answer;
    });

    /// <summary>Validates every parameter first (201 unknown, 202 invalid, 208 none), then applies them all.</summary>
    private CgiAnswer SetValues(string command, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, Func<string, bool>> rules, Action<string, string> apply)
    {
        if (parameters.Count == 0)
        {
            return CgiAnswer.Error(command, 208);
        }

        foreach (var (name, value) in parameters)
        {
            if (!rules.TryGetValue(name, out var rule))
            {
                return CgiAnswer.Error(command, 201);
            }

            if (!rule(value))
            {
                return CgiAnswer.Error(command, 202);
            }
        }

        return Locked(() =>
        {
            foreach (var (name, value) in parameters)
            {
                apply(name, value);
            }

            return new CgiAnswer(command);
        });
    }

    private CgiAnswer GetFtpAction(IReadOnlyDictionary<string, string> parameters) => Locked(() =>
    {
        var answer = new CgiAnswer("getftpaction");
        if (parameters.TryGetValue("type", out var type))
        {
            if (!State.Actions.TryGetValue(type, out var action))
            {
                return CgiAnswer.Error("getftpaction", 202);
            }

            return answer.Add("enable", action.Enable).Add("interval", action.Interval);
        }

        foreach (var (name, action) in State.Actions)
        {
            answer.Add($"enable['{name}']", action.Enable).Add($"interval['{name}']", action.Interval);
        }

        return answer;
    });

    private CgiAnswer SetFtpAction(IReadOnlyDictionary<string, string> p)
    {
        const string command = "setftpaction";
        if (!p.TryGetValue("type", out var type))
        {
            return CgiAnswer.Error(command, 208);
        }

        if (p.Keys.Any(k => k is not ("type" or "enable" or "interval")))
        {
            return CgiAnswer.Error(command, 201);
        }

        var enableOk = !p.TryGetValue("enable", out var enable) || ParamValidation.Flag(enable);
        var intervalOk = !p.TryGetValue("interval", out var interval) || ParamValidation.IntRange(1, 3600)(interval);
        return Locked(() =>
        {
            if (!State.Actions.TryGetValue(type, out var current) || !enableOk || !intervalOk)
            {
                return CgiAnswer.Error(command, 202);
            }

            State.Actions[type] = (enable ?? current.Enable, interval ?? current.Interval);
            return new CgiAnswer(command);
        });
    }

    private CgiAnswer SetFtpActionAttr(IReadOnlyDictionary<string, string> p)
    {
        const string command = "setftpactionattr";
        if (!p.TryGetValue("snapcount", out var count))
        {
            return CgiAnswer.Error(command, 208);
        }

        if (p.Count > 1)
        {
            return CgiAnswer.Error(command, 201);
        }

        if (!ParamValidation.IntRange(1, 10)(count))
        {
            return CgiAnswer.Error(command, 202);
        }

        return Locked(() =>
        {
            State.SnapCount = count;
            return new CgiAnswer(command);
        });
    }

    private async Task<CgiAnswer> TestFtpAsync(IReadOnlyDictionary<string, string> p, CancellationToken cancellationToken)
    {
        const string command = "testftp";
        if (p.TryGetValue("sethost", out var hostKey))
        {
            if (!ParamValidation.Base64Key(hostKey))
            {
                return CgiAnswer.Error(command, 202);
            }

            return Locked(() =>
            {
                State.PinnedHostKey = hostKey;
                return new CgiAnswer(command);
            });
        }

        if (p.Count > 0)
        {
            return CgiAnswer.Error(command, 201);
        }

        var outcome = await _camera.UploadAsync(TestSnapshot.FileName, TestSnapshot.Create(), keyOnly: false, cancellationToken);
        var answer = new CgiAnswer(command);
        if (outcome.HostKey is not null)
        {
            answer.Add("hostkey", outcome.HostKey);
        }

        return answer.Add("result", outcome.Result.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
