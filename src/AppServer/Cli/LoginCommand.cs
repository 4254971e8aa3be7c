using System.CommandLine;
using System.Diagnostics;
using AppServer.Auth.Config;
using AppServer.Auth.Login;

namespace AppServer.Cli;

/// <summary><c>appserver login</c>: browser (PKCE), device code, or an API key.</summary>
internal static class LoginCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var apiKey = new Option<string?>("--api-key") { Description = "Save this API key instead of signing in with ChatGPT; '-' reads it from stdin." };
        var deviceCode = new Option<bool>("--device-code") { Description = "Sign in with a code shown here and entered on another device." };
        var issuer = new Option<string?>("--issuer") { Description = $"Login issuer. Default: {LoginSettings.IssuerVariable} or https://auth.openai.com." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the sign-in URL without trying to open a browser." };
        var command = new Command("login", """
            Sign in and save the credentials to CODEX_HOME/auth.json.

            Examples:
              appserver login                          # browser sign-in: opens (or prints) the URL
              appserver login --device-code            # for machines without a browser
              appserver login --api-key sk-...         # save an API key
              printenv OPENAI_API_KEY | appserver login --api-key -
            """);
        command.Options.Add(apiKey);
        command.Options.Add(deviceCode);
        command.Options.Add(issuer);
        command.Options.Add(noBrowser);
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(apiKey), result.GetValue(deviceCode), result.GetValue(issuer), result.GetValue(noBrowser), stdout, stderr, stdin, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? apiKey, bool deviceCode, string? issuer, bool noBrowser, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken cancellationToken)
    {
        if (apiKey is not null && deviceCode)
        {
            stderr.WriteLine("appserver: choose one of --api-key and --device-code.");
            return Hosting.ExitCodes.Usage;
        }

        if (!LoginSettings.TryCreate(issuer, out var options, out var error))
        {
            stderr.WriteLine($"appserver: {error}");
            return Hosting.ExitCodes.Usage;
        }

        var session = CliSession.Open(stderr);
        if (session is null)
        {
            return Hosting.ExitCodes.ConnectionFailed;
        }

        await using var closeSession = session.ConfigureAwait(false);

        // The administrator's config.toml binds this verb exactly as it binds the server's login methods.
        var policy = LoginPolicy.From(session.Core.Config);
        if (policy.Refusal(apiKey is not null ? LoginKind.ApiKey : LoginKind.ChatGpt) is { } refusal)
        {
            stderr.WriteLine($"appserver: {refusal}");
            return Hosting.ExitCodes.ConnectionFailed;
        }

        options = options with
        {
            Originator = () => session.UserAgent.Originator,
            ForcedWorkspaceId = options.ForcedWorkspaceId ?? policy.ForcedWorkspaceId,
        };
        try
        {
            if (apiKey is not null)
            {
                return SaveApiKey(apiKey == "-" ? (await stdin.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim() : apiKey, session, stdout, stderr);
            }

            IActiveLogin login;
            if (deviceCode)
            {
                var device = await DeviceCodeLogin.StartAsync(options, session.Core.Http, session.Core.Manager.LoginWithChatGpt, session.Logger, cancellationToken).ConfigureAwait(false);
                stdout.WriteLine($"Open {device.VerificationUrl} and enter this code: {device.UserCode}");
                stdout.WriteLine("The code expires in 15 minutes.");
                login = device;
            }
            else
            {
                var browser = await BrowserLogin.StartAsync(options, session.Core.Http, session.Core.Manager.LoginWithChatGpt, session.Logger, cancellationToken).ConfigureAwait(false);
                stdout.WriteLine("Open this URL to sign in:");
                stdout.WriteLine($"  {browser.AuthUrl}");
                if (!noBrowser)
                {
                    TryOpenBrowser(browser.AuthUrl);
                }

                login = browser;
            }

            await using (login.ConfigureAwait(false))
            {
                using var cancel = cancellationToken.Register(login.Cancel);
                var outcome = await login.Completion.ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    stderr.WriteLine($"appserver: {outcome.Error}");
                    return Hosting.ExitCodes.ConnectionFailed;
                }
            }

            var claims = session.Core.Manager.Current.Record?.Tokens?.IdClaims;
            stdout.WriteLine($"Signed in{(claims?.Email is { } email ? $" as {email}" : string.Empty)}.");
            return Hosting.ExitCodes.Success;
        }
        catch (Exception ex) when (ex is LoginServerStartException or DeviceCodeStartException)
        {
            stderr.WriteLine($"appserver: {ex.Message}");
            return Hosting.ExitCodes.ConnectionFailed;
        }
    }

    private static int SaveApiKey(string? key, CliSession session, TextWriter stdout, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            stderr.WriteLine("appserver: the API key is empty.");
            return Hosting.ExitCodes.Usage;
        }

        try
        {
            session.Core.Manager.LoginWithApiKey(key);
            stdout.WriteLine($"Saved the API key to {session.Core.Stores.Store.Description}.");
            return Hosting.ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"appserver: failed to save api key: {Handlers.Login.LoginErrors.Describe(ex)}");
            return Hosting.ExitCodes.ConnectionFailed;
        }
    }

    /// <summary>Best effort: a headless machine simply keeps the printed URL.</summary>
    private static void TryOpenBrowser(string url)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Process.Start(new ProcessStartInfo(url) { UseShellExecute = true })?.Dispose();
            }
            else if (OperatingSystem.IsMacOS())
            {
                Process.Start("open", url)?.Dispose();
            }
            else if (Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 })
            {
                Process.Start(new ProcessStartInfo("xdg-open", url) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })?.Dispose();
            }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
        }
    }
}
