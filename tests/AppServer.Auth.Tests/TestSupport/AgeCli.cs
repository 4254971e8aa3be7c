using System.Diagnostics;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>
/// Debian's <c>age</c> binary, the reference implementation (Go), driven under a pseudo-terminal:
/// <c>age -p</c> and <c>age -d</c> read the passphrase from the terminal only. A small Python
/// <c>pty</c> loop types the passphrase at each prompt; the passphrase travels in the environment,
/// never on a command line.
/// </summary>
internal static class AgeCli
{
    private const string PtyDriver = """
        import os, pty, sys
        pw = os.environ['AGE_TEST_PASSPHRASE'].encode()
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(sys.argv[1], sys.argv[1:])
        out = b''
        answered = 0
        while True:
            try:
                data = os.read(fd, 1024)
            except OSError:
                break
            if not data:
                break
            out += data
            # One answer per prompt: "Enter passphrase ...", "Confirm passphrase".
            while out.count(b'passphrase') > answered:
                answered += 1
                try:
                    os.write(fd, pw + b'\n')
                except OSError:
                    pass
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(out.decode('utf-8', 'replace'))
        sys.exit(os.waitstatus_to_exitcode(status))
        """;

    /// <summary><c>age -p -o output input</c>.</summary>
    public static Task<(int ExitCode, string Terminal)> EncryptAsync(string input, string output, string passphrase) =>
        RunAsync(passphrase, "-p", "-o", output, input);

    /// <summary><c>age -d -o output input</c>.</summary>
    public static Task<(int ExitCode, string Terminal)> DecryptAsync(string input, string output, string passphrase) =>
        RunAsync(passphrase, "-d", "-o", output, input);

    private static async Task<(int ExitCode, string Terminal)> RunAsync(string passphrase, params string[] ageArguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PtyDriver);
        start.ArgumentList.Add("age");
        foreach (string argument in ageArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AGE_TEST_PASSPHRASE"] = passphrase;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("age did not finish within 120 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
